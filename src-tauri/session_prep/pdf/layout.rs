//! Line breaking and pagination for the PDF, independent of any PDF library.
//!
//! The document becomes a list of [`Row`]s (a paragraph is a row with one cell, a table
//! row has one cell per column); rows are placed top to bottom and split between lines
//! when they reach the foot of a page, so long text flows on and no line is ever lost.
//! Headings stay with what follows them, and a table's header row is repeated on the
//! next page when the table breaks.

/// Measures text: the advance width of `text` at `size` points in a given weight.
pub(crate) trait Measure {
    fn width(&self, text: &str, bold: bool, size: f32) -> f32;
}

/// Grey levels used on the page (0 = black).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Ink {
    Text,
    Muted,
}

/// How a run of text looks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Style {
    pub bold: bool,
    pub size: f32,
    pub ink: Ink,
}

/// One column's worth of lines inside a row.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Cell {
    /// Offset from the left margin.
    pub x: f32,
    /// The width the lines were wrapped to (a right-to-left line is aligned to its end).
    pub width: f32,
    pub lines: Vec<String>,
    pub style: Style,
}

/// A horizontal band of the page: one or more cells sharing a line height.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Row {
    pub cells: Vec<Cell>,
    /// Distance between baselines.
    pub leading: f32,
    /// Space above the row, dropped at the top of a page.
    pub space_before: f32,
    /// Padding above and below the lines (table rows).
    pub pad: f32,
    /// Draw a thin rule under the row.
    pub rule_below: bool,
    /// Never end a page with this row: it moves on with what follows.
    pub keep_with_next: bool,
    /// Index of the table header to repeat when this row starts a new page.
    pub header: Option<usize>,
}

impl Row {
    fn lines(&self) -> usize {
        self.cells.iter().map(|c| c.lines.len()).max().unwrap_or(0)
    }

    fn height_of(&self, lines: usize) -> f32 {
        lines as f32 * self.leading + 2.0 * self.pad
    }

    fn height(&self) -> f32 {
        self.height_of(self.lines())
    }

    /// The first `k` lines of every cell, and the rest.
    fn split(mut self, k: usize) -> (Row, Row) {
        let mut rest = self.clone();
        for (head, tail) in self.cells.iter_mut().zip(rest.cells.iter_mut()) {
            let at = k.min(head.lines.len());
            tail.lines = head.lines.split_off(at);
        }
        self.rule_below = false;
        rest.space_before = 0.0;
        (self, rest)
    }
}

/// A piece of text placed on a page; `y` is the baseline, from the top.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Placed {
    pub x: f32,
    /// The width available from `x`.
    pub width: f32,
    pub y: f32,
    pub text: String,
    pub style: Style,
}

/// Everything on one page, in content coordinates (points from the top-left corner).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Page {
    pub texts: Vec<Placed>,
    /// Horizontal rules: (y, x from, x to).
    pub rules: Vec<(f32, f32, f32)>,
}

/// Where the flowing content may go on every page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Frame {
    pub left: f32,
    pub width: f32,
    pub top: f32,
    pub bottom: f32,
}

/// Fraction of the font size from a line's top to its baseline, centring Liberation Sans'
/// ascender (0.905 em) and descender (0.212 em) in the line.
fn baseline_offset(leading: f32, size: f32) -> f32 {
    (leading - 1.117 * size) / 2.0 + 0.905 * size
}

/// Breaks `text` into lines no wider than `width`: at spaces, and inside a word only when
/// the word alone is wider than the line. Line breaks in the text are kept (an empty line
/// stays an empty line); runs of spaces collapse to one.
pub(crate) fn wrap(m: &dyn Measure, text: &str, bold: bool, size: f32, width: f32) -> Vec<String> {
    let space = m.width(" ", bold, size);
    let mut out = Vec::new();
    for hard in text.split('\n') {
        let mut line = String::new();
        let mut line_w = 0.0;
        for word in hard.split(' ').filter(|w| !w.is_empty()) {
            let word_w = m.width(word, bold, size);
            if !line.is_empty() && line_w + space + word_w <= width {
                line.push(' ');
                line.push_str(word);
                line_w += space + word_w;
                continue;
            }
            if !line.is_empty() {
                out.push(std::mem::take(&mut line));
            }
            if word_w <= width {
                line.push_str(word);
                line_w = word_w;
                continue;
            }
            // A word wider than the line: cut it where it must be cut.
            line_w = 0.0;
            for c in word.chars() {
                let mut buf = [0u8; 4];
                let c_w = m.width(c.encode_utf8(&mut buf), bold, size);
                if !line.is_empty() && line_w + c_w > width {
                    out.push(std::mem::take(&mut line));
                    line_w = 0.0;
                }
                line.push(c);
                line_w += c_w;
            }
        }
        out.push(line);
    }
    out
}

/// Places `rows` into pages of `frame`, repeating `headers[i]` above a row whose
/// `header` is `Some(i)` when that row begins a page.
pub(crate) fn paginate(rows: Vec<Row>, headers: &[Row], frame: Frame) -> Vec<Page> {
    let mut flow = Flow { frame, pages: vec![Page::default()], y: frame.top, fresh: true };
    let mut queue: std::collections::VecDeque<Row> = rows.into();
    while let Some(row) = queue.pop_front() {
        // Nothing but a repeated table header above: as good as an empty page.
        let at_top = flow.fresh;
        let before = if flow.y <= frame.top { 0.0 } else { row.space_before };
        let room = frame.bottom - flow.y - before;
        let need = chain_height(&row, queue.iter());
        if need <= room {
            flow.place(row, before);
            continue;
        }
        let n = row.lines();
        let fit = ((room - 2.0 * row.pad) / row.leading).floor().max(0.0) as usize;
        let fit = fit.min(n);
        // Split a long row here when at least two lines fit and two are left for the next
        // page; on an empty page, split wherever the page ends (nothing better will come).
        let split_at = if at_top && n > 1 && fit >= 1 && fit < n {
            Some(fit)
        } else if !row.keep_with_next && n >= 4 && fit >= 2 {
            Some(fit.min(n - 2)).filter(|&k| k >= 2)
        } else {
            None
        };
        if let Some(k) = split_at {
            let header = row.header;
            let (head, tail) = row.split(k);
            flow.place(head, before);
            flow.new_page();
            if let Some(h) = header.and_then(|i| headers.get(i)) {
                flow.place_header(h.clone());
            }
            queue.push_front(tail);
            continue;
        }
        if at_top {
            // Taller than a page and unsplittable (one enormous line): place it anyway.
            flow.place(row, 0.0);
            continue;
        }
        flow.new_page();
        if let Some(h) = row.header.and_then(|i| headers.get(i)) {
            flow.place_header(h.clone());
        }
        queue.push_front(row);
    }
    flow.pages
}

/// The height `row` needs at the foot of a page: itself, and for rows kept with the next,
/// the following rows' spacing and first lines, so a heading never ends a page alone.
fn chain_height<'a>(row: &Row, mut rest: impl Iterator<Item = &'a Row>) -> f32 {
    let mut need = row.height();
    let mut keep = row.keep_with_next;
    while keep {
        let Some(next) = rest.next() else { break };
        if next.keep_with_next {
            need += next.space_before + next.height();
        } else {
            need += next.space_before + next.height_of(next.lines().min(2));
        }
        keep = next.keep_with_next;
    }
    need
}

struct Flow {
    frame: Frame,
    pages: Vec<Page>,
    y: f32,
    /// True until something other than a repeated header is placed on the page.
    fresh: bool,
}

impl Flow {
    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = self.frame.top;
        self.fresh = true;
    }

    fn place_header(&mut self, row: Row) {
        self.place(row, 0.0);
        self.fresh = true;
    }

    fn place(&mut self, row: Row, before: f32) {
        self.fresh = false;
        self.y += before;
        let page = self.pages.last_mut().expect("a page exists from the start");
        // One baseline per line across the row, set by its largest type.
        let size = row.cells.iter().map(|c| c.style.size).fold(0.0, f32::max);
        for cell in &row.cells {
            for (i, line) in cell.lines.iter().enumerate() {
                if line.is_empty() {
                    continue;
                }
                let top = self.y + row.pad + i as f32 * row.leading;
                page.texts.push(Placed {
                    x: self.frame.left + cell.x,
                    width: cell.width,
                    y: top + baseline_offset(row.leading, size),
                    text: line.clone(),
                    style: cell.style,
                });
            }
        }
        self.y += row.height();
        if row.rule_below {
            page.rules.push((self.y, self.frame.left, self.frame.left + self.frame.width));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character is 5 points wide at size 10.
    struct Mono;
    impl Measure for Mono {
        fn width(&self, text: &str, _bold: bool, size: f32) -> f32 {
            text.chars().count() as f32 * size / 2.0
        }
    }

    const BODY: Style = Style { bold: false, size: 10.0, ink: Ink::Text };

    fn para(lines: usize) -> Row {
        Row {
            cells: vec![Cell {
                x: 0.0,
                width: 100.0,
                lines: (0..lines).map(|i| format!("line {i}")).collect(),
                style: BODY,
            }],
            leading: 10.0,
            space_before: 0.0,
            pad: 0.0,
            rule_below: false,
            keep_with_next: false,
            header: None,
        }
    }

    const FRAME: Frame = Frame { left: 0.0, width: 100.0, top: 0.0, bottom: 100.0 };

    fn texts(pages: &[Page]) -> Vec<Vec<String>> {
        pages.iter().map(|p| p.texts.iter().map(|t| t.text.clone()).collect()).collect()
    }

    mod wrap {
        use super::*;

        #[test]
        fn breaks_at_spaces_within_the_width() {
            // 20 characters per line.
            let lines = wrap(&Mono, "aaaa bbbb cccc dddd eeee ffff", false, 10.0, 100.0);
            assert_eq!(lines, ["aaaa bbbb cccc dddd", "eeee ffff"]);
        }

        #[test]
        fn keeps_line_breaks_and_empty_lines() {
            let lines = wrap(&Mono, "one\n\ntwo", false, 10.0, 100.0);
            assert_eq!(lines, ["one", "", "two"]);
        }

        #[test]
        fn cuts_a_word_only_when_it_is_wider_than_the_line() {
            let long = "x".repeat(45);
            let lines = wrap(&Mono, &format!("hi {long} end"), false, 10.0, 100.0);
            assert_eq!(lines, ["hi", &"x".repeat(20), &"x".repeat(20), "xxxxx end"]);
        }

        #[test]
        fn never_loses_a_word() {
            let text = (0..500).map(|i| format!("w{i}")).collect::<Vec<_>>().join(" ");
            let lines = wrap(&Mono, &text, false, 10.0, 73.0);
            assert_eq!(lines.join(" "), text);
            assert!(lines.iter().all(|l| Mono.width(l, false, 10.0) <= 73.0));
        }
    }

    mod paginate {
        use super::*;

        #[test]
        fn a_long_paragraph_flows_onto_more_pages_without_losing_lines() {
            let pages = paginate(vec![para(25)], &[], FRAME);
            assert_eq!(pages.len(), 3);
            let all: Vec<String> = texts(&pages).concat();
            assert_eq!(all.len(), 25);
            assert_eq!(all.last().unwrap(), "line 24");
            assert!(pages.iter().flat_map(|p| &p.texts).all(|t| t.y <= FRAME.bottom));
        }

        #[test]
        fn a_heading_moves_on_with_its_first_lines() {
            let mut heading = para(1);
            heading.keep_with_next = true;
            // 9 lines used, heading fits but its text would not: both move.
            let pages = paginate(vec![para(9), heading, para(3)], &[], FRAME);
            assert_eq!(texts(&pages)[0].len(), 9);
            assert_eq!(texts(&pages)[1][0], "line 0");
            assert_eq!(texts(&pages)[1].len(), 4);
        }

        #[test]
        fn a_split_leaves_at_least_two_lines_on_each_side() {
            // 7 lines used, 3 fit: the 4-line paragraph splits 2 + 2.
            let pages = paginate(vec![para(7), para(4)], &[], FRAME);
            assert_eq!(texts(&pages)[0].len(), 9);
            assert_eq!(texts(&pages)[1].len(), 2);
        }

        #[test]
        fn a_table_header_is_repeated_when_the_table_breaks() {
            let mut header = para(1);
            header.cells[0].lines = vec!["HEADER".into()];
            let mut row = para(3);
            row.header = Some(0);
            let rows = vec![para(8), header.clone(), row.clone(), row];
            let pages = paginate(rows, &[header], FRAME);
            assert_eq!(texts(&pages)[1][0], "HEADER");
        }

        #[test]
        fn space_before_is_dropped_at_the_top_of_a_page() {
            let mut second = para(1);
            second.space_before = 30.0;
            let pages = paginate(vec![para(10), second], &[], FRAME);
            let first_on_page_two = &pages[1].texts[0];
            assert!(first_on_page_two.y < 10.0, "{}", first_on_page_two.y);
        }
    }
}
