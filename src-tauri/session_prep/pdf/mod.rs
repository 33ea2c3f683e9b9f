//! The sheet as a PDF: the [`Doc`] laid out with [`layout`] and drawn with krilla.
//!
//! The font is Liberation Sans (regular and bold, SIL OFL 1.1, `fonts/`), compiled into
//! the binary (brotli-compressed by build.rs) and embedded as a subset, so the file looks
//! the same on every machine and nothing is loaded from the system. Line widths come from the same font file
//! (ttf-parser; kerning, which rustybuzz applies when drawing, is left out of the measure
//! and only ever moves a line end by a point or so). Text is drawn as real text (with a
//! Unicode map), so it can be searched, copied and read aloud.
//!
//! Scripts the font lacks (CJK, Arabic, Devanagari, emoji…) are drawn as the font's
//! `.notdef` box and survive only in part in the text layer; nothing fails. Each line is
//! shaped as one run, so a right-to-left line reads right to left, but a line mixing
//! directions is not reordered (no bidi resolution).

mod layout;

use std::sync::OnceLock;

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::text::{Font, TextDirection};
use krilla::Document;

use self::layout::{Cell, Frame, Ink, Measure, Page, Row, Style};
use super::content::{Block, Doc, Table};
use super::Paper;
use crate::error::{Error, Result};

// The fonts as build.rs left them: brotli-compressed, unpacked on first use.
static REGULAR_BR: &[u8] =
    include_bytes!(concat!(env!("OUT_DIR"), "/LiberationSans-Regular.ttf.br"));
static BOLD_BR: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/LiberationSans-Bold.ttf.br"));

/// The font file packed in `packed`, kept for the rest of the run (fonts are parsed once).
fn unpack(packed: &[u8]) -> Option<&'static [u8]> {
    let mut data = Vec::new();
    brotli::BrotliDecompress(&mut &packed[..], &mut data).ok()?;
    Some(Box::leak(data.into_boxed_slice()))
}

/// One face: krilla's handle for drawing and ttf-parser's for measuring.
struct Face {
    draw: Font,
    metrics: ttf_parser::Face<'static>,
    units_per_em: f32,
}

impl Face {
    fn load(data: &'static [u8]) -> Option<Face> {
        let metrics = ttf_parser::Face::parse(data, 0).ok()?;
        let units_per_em = f32::from(metrics.units_per_em());
        let draw = Font::new(data.into(), 0)?;
        Some(Face { draw, metrics, units_per_em })
    }

    fn width(&self, text: &str, size: f32) -> f32 {
        let units: u32 = text
            .chars()
            .map(|c| {
                let glyph = self.metrics.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0));
                u32::from(self.metrics.glyph_hor_advance(glyph).unwrap_or(0))
            })
            .sum();
        units as f32 * size / self.units_per_em
    }
}

struct Fonts {
    regular: Face,
    bold: Face,
}

impl Fonts {
    fn face(&self, bold: bool) -> &Face {
        if bold {
            &self.bold
        } else {
            &self.regular
        }
    }
}

impl Measure for Fonts {
    fn width(&self, text: &str, bold: bool, size: f32) -> f32 {
        self.face(bold).width(text, size)
    }
}

fn failed() -> Error {
    Error::Invalid("The PDF could not be made. Nothing was saved.".into())
}

/// The embedded fonts, parsed once per process.
fn fonts() -> Result<&'static Fonts> {
    static FONTS: OnceLock<Option<Fonts>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            Some(Fonts {
                regular: Face::load(unpack(REGULAR_BR)?)?,
                bold: Face::load(unpack(BOLD_BR)?)?,
            })
        })
        .as_ref()
        .ok_or_else(failed)
}

// Type scale and spacing, in points.
const TITLE: Style = Style { bold: true, size: 17.0, ink: Ink::Text };
const DATE: Style = Style { bold: false, size: 10.0, ink: Ink::Muted };
const H2: Style = Style { bold: true, size: 12.0, ink: Ink::Text };
const H3: Style = Style { bold: true, size: 10.0, ink: Ink::Text };
const BODY: Style = Style { bold: false, size: 10.0, ink: Ink::Text };
const NOTE: Style = Style { bold: false, size: 8.0, ink: Ink::Muted };
const LABEL: Style = Style { bold: true, size: 8.5, ink: Ink::Muted };
const TH: Style = Style { bold: true, size: 8.0, ink: Ink::Muted };
const TD: Style = Style { bold: false, size: 9.0, ink: Ink::Text };
const BODY_LEADING: f32 = 14.0;
const MARGIN: f32 = 51.0; // 18 mm
const CELL_GAP: f32 = 8.0;
const LIST_INDENT: f32 = 16.0;
/// Share of the width taken by a field's label.
const LABEL_SHARE: f32 = 0.24;

/// Page width and height in points.
fn paper_size(paper: Paper) -> (f32, f32) {
    match paper {
        Paper::A4 => (595.28, 841.89),
        Paper::Letter => (612.0, 792.0),
    }
}

/// Turns the document into rows for [`layout::paginate`], plus the table headers that
/// repeat when a table breaks across pages.
struct Rows<'f> {
    fonts: &'f Fonts,
    width: f32,
    rows: Vec<Row>,
    headers: Vec<Row>,
}

impl Rows<'_> {
    fn text(&mut self, text: &str, style: Style, leading: f32, space_before: f32) {
        let lines = layout::wrap(self.fonts, text, style.bold, style.size, self.width);
        self.rows.push(Row {
            cells: vec![Cell { x: 0.0, width: self.width, lines, style }],
            leading,
            space_before,
            pad: 0.0,
            rule_below: false,
            keep_with_next: false,
            header: None,
        });
    }

    fn keep(&mut self) {
        if let Some(r) = self.rows.last_mut() {
            r.keep_with_next = true;
        }
    }

    fn rule(&mut self) {
        if let Some(r) = self.rows.last_mut() {
            r.rule_below = true;
        }
    }

    fn list(&mut self, items: &[String], numbered: bool) {
        // A short list stays in one piece; a long one may break between items.
        let together = items.len() <= 5;
        for (i, item) in items.iter().enumerate() {
            let marker = if numbered { format!("{}.", i + 1) } else { "•".to_string() };
            let lines = layout::wrap(self.fonts, item, false, BODY.size, self.width - LIST_INDENT);
            let x = if numbered { 0.0 } else { 4.0 };
            self.rows.push(Row {
                cells: vec![
                    Cell { x, width: LIST_INDENT - x, lines: vec![marker], style: BODY },
                    Cell { x: LIST_INDENT, width: self.width - LIST_INDENT, lines, style: BODY },
                ],
                leading: BODY_LEADING,
                space_before: if i == 0 { 4.0 } else { 2.0 },
                pad: 0.0,
                rule_below: false,
                keep_with_next: together && i + 1 < items.len(),
                header: None,
            });
        }
    }

    fn table(&mut self, t: &Table) {
        let mut x = 0.0;
        let spans: Vec<(f32, f32)> = t
            .columns
            .iter()
            .map(|c| {
                let w = c.width * self.width;
                let span = (x, (w - CELL_GAP).max(10.0));
                x += w;
                span
            })
            .collect();
        let cells = |texts: &mut dyn Iterator<Item = &String>, style: Style| {
            texts
                .zip(&spans)
                .map(|(text, &(x, w))| {
                    let lines = layout::wrap(self.fonts, text, style.bold, style.size, w);
                    Cell { x, width: w, lines, style }
                })
                .collect::<Vec<_>>()
        };
        let titles: Vec<String> = t.columns.iter().map(|c| c.title.clone()).collect();
        let header = Row {
            cells: cells(&mut titles.iter(), TH),
            leading: 10.5,
            space_before: 5.0,
            pad: 1.5,
            rule_below: true,
            keep_with_next: true,
            header: None,
        };
        let index = self.headers.len();
        let mut repeated = header.clone();
        repeated.keep_with_next = false;
        self.headers.push(repeated);
        self.rows.push(header);
        for (i, row) in t.rows.iter().enumerate() {
            let cells = cells(&mut row.iter(), TD);
            self.rows.push(Row {
                cells,
                leading: 11.5,
                space_before: 0.0,
                pad: 2.5,
                rule_below: true,
                // At least two rows go with the header.
                keep_with_next: i == 0 && t.rows.len() > 2,
                header: Some(index),
            });
        }
    }

    /// Label and value side by side; the value may run to many lines (and pages).
    fn fields(&mut self, fields: &[(String, String)]) {
        let label_w = self.width * LABEL_SHARE;
        for (i, (label, value)) in fields.iter().enumerate() {
            let labels = layout::wrap(self.fonts, label, true, LABEL.size, label_w - CELL_GAP);
            let values = layout::wrap(self.fonts, value, false, BODY.size, self.width - label_w);
            self.rows.push(Row {
                cells: vec![
                    Cell { x: 0.0, width: label_w - CELL_GAP, lines: labels, style: LABEL },
                    Cell { x: label_w, width: self.width - label_w, lines: values, style: BODY },
                ],
                leading: BODY_LEADING,
                space_before: if i == 0 { 8.0 } else { 1.0 },
                pad: 0.0,
                rule_below: false,
                keep_with_next: false,
                header: None,
            });
        }
    }

    fn block(&mut self, block: &Block) {
        match block {
            Block::Subheading(t) => {
                self.text(t, H3, BODY_LEADING, 9.0);
                self.keep();
            }
            Block::Text(t) | Block::Para(t) => self.text(t, BODY, BODY_LEADING, 4.0),
            Block::Note(t) => self.text(t, NOTE, 10.5, 4.0),
            Block::Bullets(items) => self.list(items, false),
            Block::Numbered(items) => self.list(items, true),
            Block::Fields(fields) => self.fields(fields),
            Block::Table(t) => self.table(t),
        }
    }
}

/// Lays out and draws `doc`; the bytes of a complete PDF.
pub(crate) fn render(doc: &Doc) -> Result<Vec<u8>> {
    let fonts = fonts()?;
    let (page_w, page_h) = paper_size(doc.paper);
    let frame =
        Frame { left: MARGIN, width: page_w - 2.0 * MARGIN, top: MARGIN, bottom: page_h - MARGIN };
    let mut rows = Rows { fonts, width: frame.width, rows: Vec::new(), headers: Vec::new() };
    rows.text(&doc.title, TITLE, 22.0, 0.0);
    rows.text(&doc.date, DATE, BODY_LEADING, 2.0);
    if let Some(app) = doc.app_name {
        rows.text(&format!("Prepared with {app}"), DATE, BODY_LEADING, 0.0);
    }
    rows.rule();
    if let Some(last) = rows.rows.last_mut() {
        last.pad = 2.0; // air between the date and the rule under it
    }
    for section in &doc.sections {
        rows.text(&section.heading, H2, 16.0, 15.0);
        rows.keep();
        for (i, block) in section.blocks.iter().enumerate() {
            rows.block(block);
            // Words that introduce a table (a result, a questionnaire's stem) go with it.
            let intro = matches!(block, Block::Para(_) | Block::Note(_));
            let next = section.blocks.get(i + 1);
            if intro && matches!(next, Some(Block::Table(_) | Block::Note(_))) {
                rows.keep();
            }
        }
    }
    let Rows { rows, headers, .. } = rows;
    let pages = layout::paginate(rows, &headers, frame);
    draw(doc, fonts, &pages, (page_w, page_h), frame)
}

/// A writing direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dir {
    Ltr,
    Rtl,
}

/// The direction a character insists on, if any: Hebrew, Arabic and the other
/// right-to-left blocks are `Rtl`; other letters and digits are `Ltr`; spaces and
/// punctuation take the direction of their surroundings.
fn strong(c: char) -> Option<Dir> {
    match u32::from(c) {
        0x0590..=0x08FF
        | 0xFB1D..=0xFDFF
        | 0xFE70..=0xFEFF
        | 0x10800..=0x10FFF
        | 0x1E800..=0x1EFFF => Some(Dir::Rtl),
        _ if c.is_alphanumeric() => Some(Dir::Ltr),
        _ => None,
    }
}

/// A small subset of the Unicode bidi algorithm, enough for a line of mostly one script
/// with words or numbers of the other: the line's direction is its first strong
/// character's; spaces and punctuation between two runs of one direction join them, and
/// otherwise follow the line; the runs come back in the order they are drawn, left to
/// right, each with the direction to shape it in.
fn visual_runs(line: &str) -> (Dir, Vec<(&str, Dir)>) {
    let chars: Vec<(usize, Option<Dir>)> =
        line.char_indices().map(|(i, c)| (i, strong(c))).collect();
    let base = chars.iter().find_map(|c| c.1).unwrap_or(Dir::Ltr);
    let mut next_strong = vec![base; chars.len()];
    let mut upcoming = base;
    for (i, c) in chars.iter().enumerate().rev() {
        next_strong[i] = upcoming;
        if let Some(d) = c.1 {
            upcoming = d;
        }
    }
    let mut runs: Vec<(&str, Dir)> = Vec::new();
    let (mut start, mut current, mut previous) = (0, base, base);
    for (i, &(at, d)) in chars.iter().enumerate() {
        let resolved = d.unwrap_or(if previous == next_strong[i] { previous } else { base });
        if let Some(d) = d {
            previous = d;
        }
        if i == 0 {
            current = resolved;
        } else if resolved != current {
            runs.push((&line[start..at], current));
            (start, current) = (at, resolved);
        }
    }
    if !line.is_empty() {
        runs.push((&line[start..], current));
    }
    if base == Dir::Rtl {
        runs.reverse();
    }
    (base, runs)
}

fn ink(ink: Ink) -> Fill {
    let grey = match ink {
        Ink::Text => 0x1a,
        Ink::Muted => 0x55,
    };
    Fill { paint: rgb::Color::new(grey, grey, grey).into(), ..Fill::default() }
}

fn draw(
    doc: &Doc,
    fonts: &Fonts,
    pages: &[Page],
    (page_w, page_h): (f32, f32),
    frame: Frame,
) -> Result<Vec<u8>> {
    let mut pdf = Document::new();
    let mut meta = Metadata::new().title(doc.title.clone()).language("en".into());
    if let Some(app) = doc.app_name {
        meta = meta.creator(app.to_string());
    }
    pdf.set_metadata(meta);
    let total = pages.len();
    let settings = PageSettings::from_wh(page_w, page_h).ok_or_else(failed)?;
    for (number, page) in pages.iter().enumerate() {
        let mut p = pdf.start_page_with(settings.clone());
        let mut s = p.surface();
        let text = |s: &mut krilla::surface::Surface<'_>, x: f32, y: f32, t: &str, st: Style| {
            s.set_fill(Some(ink(st.ink)));
            let face = fonts.face(st.bold);
            let mut x = x;
            for (run, dir) in visual_runs(t).1 {
                let direction = match dir {
                    Dir::Ltr => TextDirection::LeftToRight,
                    Dir::Rtl => TextDirection::RightToLeft,
                };
                s.draw_text(
                    Point::from_xy(x, y),
                    face.draw.clone(),
                    st.size,
                    run,
                    false,
                    direction,
                );
                x += face.width(run, st.size);
            }
        };
        for t in &page.texts {
            let x = if visual_runs(&t.text).0 == Dir::Rtl {
                // A right-to-left line ends at the right edge of its cell.
                t.x + (t.width - fonts.width(&t.text, t.style.bold, t.style.size)).max(0.0)
            } else {
                t.x
            };
            text(&mut s, x, t.y, &t.text, t.style);
        }
        if !page.rules.is_empty() {
            let mut path = PathBuilder::new();
            for &(y, x0, x1) in &page.rules {
                if let Some(r) = Rect::from_xywh(x0, y - 0.25, x1 - x0, 0.5) {
                    path.push_rect(r);
                }
            }
            if let Some(path) = path.finish() {
                s.set_fill(Some(Fill {
                    paint: rgb::Color::new(0xbb, 0xbb, 0xbb).into(),
                    ..Fill::default()
                }));
                s.draw_path(&path);
            }
        }
        // Running head from the second page on; page numbers on every page.
        let small = Style { bold: false, size: 8.5, ink: Ink::Muted };
        if number > 0 {
            let head = format!("{} · {}", doc.title, doc.date);
            text(&mut s, frame.left, MARGIN - 20.0, &head, small);
            if let Some(app) = doc.app_name {
                let w = fonts.width(app, false, small.size);
                text(&mut s, frame.left + frame.width - w, MARGIN - 20.0, app, small);
            }
        }
        let foot = format!("Page {} of {total}", number + 1);
        let w = fonts.width(&foot, false, small.size);
        text(&mut s, (page_w - w) / 2.0, page_h - MARGIN + 24.0, &foot, small);
        s.finish();
        p.finish();
    }
    pdf.finish().map_err(|_| failed())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs(line: &str) -> (Dir, Vec<(&str, Dir)>) {
        visual_runs(line)
    }

    #[test]
    fn a_left_to_right_line_is_one_run() {
        assert_eq!(runs("Hello, Ωμέγα 2026!"), (Dir::Ltr, vec![("Hello, Ωμέγα 2026!", Dir::Ltr)]));
        assert_eq!(runs(""), (Dir::Ltr, vec![]));
        assert_eq!(runs("  ...  "), (Dir::Ltr, vec![("  ...  ", Dir::Ltr)]));
    }

    #[test]
    fn hebrew_in_a_latin_line_is_shaped_right_to_left_in_place() {
        let (base, r) = runs("I said שלום עולם to them");
        assert_eq!(base, Dir::Ltr);
        assert_eq!(r, vec![("I said ", Dir::Ltr), ("שלום עולם", Dir::Rtl), (" to them", Dir::Ltr)]);
    }

    #[test]
    fn numbers_and_latin_in_a_hebrew_line_keep_their_order_and_the_runs_are_reversed() {
        let (base, r) = runs("בשנת 2026 ראיתי Mend היום");
        assert_eq!(base, Dir::Rtl);
        assert_eq!(
            r,
            vec![
                (" היום", Dir::Rtl),
                ("Mend", Dir::Ltr),
                (" ראיתי ", Dir::Rtl),
                ("2026", Dir::Ltr),
                ("בשנת ", Dir::Rtl),
            ]
        );
    }

    #[test]
    fn the_packed_fonts_unpack_to_the_files_in_fonts() {
        for (packed, name) in
            [(REGULAR_BR, "LiberationSans-Regular.ttf"), (BOLD_BR, "LiberationSans-Bold.ttf")]
        {
            let file = std::fs::read(format!("{}/fonts/{name}", env!("CARGO_MANIFEST_DIR")));
            assert_eq!(unpack(packed), Some(&file.unwrap()[..]), "{name}");
            assert!(packed.len() < 300_000, "{name} packs to {} bytes", packed.len());
        }
    }

    #[test]
    fn the_embedded_fonts_load_and_measure() {
        let f = fonts().unwrap();
        let w = f.width("Notes", false, 10.0);
        assert!(w > 20.0 && w < 35.0, "{w}");
        assert!(f.width("Notes", true, 10.0) > w, "bold is wider");
        assert_eq!(f.width("", false, 10.0), 0.0);
    }
}
