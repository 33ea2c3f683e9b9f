//! The sheet as an HTML fragment, for the live preview and the OS print dialog.
//!
//! Invariant: every string that reaches the output goes through [`escape`], ours included,
//! so no text can become markup. The fragment has no `style` attributes, `<style>` or
//! `<script>` (the CSP refuses inline styles and scripts); [`STYLESHEET`] styles it.

use super::content::{Block, Doc, Table};

/// CSS for the fragment, screen and print: black on white on paper, the reading column
/// on screen, no page break inside a row or right after a heading. The window's
/// stylesheet includes it (the CSP allows only stylesheets served from the app).
pub const STYLESHEET: &str = r#".session-prep { max-width: 40rem; margin: 0 auto; line-height: 1.45; }
.session-prep .sp-title { font-size: 1.5rem; margin: 0 0 0.25rem; }
.session-prep .sp-date, .session-prep .sp-app { margin: 0; color: var(--muted, #555); }
.session-prep .sp-head { border-bottom: 1px solid var(--rule, #ccc); padding-bottom: 0.75rem; margin-bottom: 1rem; }
.session-prep .sp-section { margin: 0 0 1.25rem; }
.session-prep h2 { font-size: 1.125rem; margin: 1.25rem 0 0.5rem; }
.session-prep h3 { font-size: 1rem; margin: 1rem 0 0.25rem; }
.session-prep .sp-text { white-space: pre-wrap; overflow-wrap: anywhere; }
.session-prep .sp-note { font-size: 0.85rem; color: var(--muted, #555); }
.session-prep table { width: 100%; border-collapse: collapse; margin: 0.5rem 0; }
.session-prep th, .session-prep td { text-align: left; vertical-align: top; padding: 0.25rem 0.5rem 0.25rem 0; border-bottom: 1px solid var(--rule, #ddd); overflow-wrap: anywhere; }
.session-prep thead th { font-size: 0.85rem; color: var(--muted, #555); }
.session-prep dl { margin: 0.5rem 0; }
.session-prep dt { font-weight: bold; }
.session-prep dd { margin: 0 0 0.5rem; white-space: pre-wrap; overflow-wrap: anywhere; }
.session-prep li { white-space: pre-wrap; overflow-wrap: anywhere; }
@media print {
  .session-prep { max-width: none; color: #000; background: #fff; font-size: 10.5pt; }
  .session-prep .sp-date, .session-prep .sp-app, .session-prep .sp-note, .session-prep thead th { color: #333; }
  .session-prep h2, .session-prep h3, .session-prep p:has(+ table), .session-prep p:has(+ .sp-note) { break-after: avoid; page-break-after: avoid; }
  .session-prep tr, .session-prep dt { break-inside: avoid; page-break-inside: avoid; }
}
"#;

/// Escapes text for use in HTML content and in quoted attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Renders `doc` as one `<article>`.
pub(crate) fn render(doc: &Doc) -> String {
    let mut h = String::with_capacity(16 * 1024);
    h.push_str("<article class=\"session-prep\" lang=\"en\">\n<header class=\"sp-head\">\n");
    h.push_str(&format!("<h1 class=\"sp-title\">{}</h1>\n", escape(&doc.title)));
    h.push_str(&format!("<p class=\"sp-date\">{}</p>\n", escape(&doc.date)));
    if let Some(app) = doc.app_name {
        h.push_str(&format!("<p class=\"sp-app\">Prepared with {}</p>\n", escape(app)));
    }
    h.push_str("</header>\n");
    for section in &doc.sections {
        h.push_str(&format!("<section class=\"sp-section sp-{}\">\n", escape(section.id)));
        h.push_str(&format!("<h2>{}</h2>\n", escape(&section.heading)));
        for block in &section.blocks {
            block_html(&mut h, block);
        }
        h.push_str("</section>\n");
    }
    h.push_str("</article>\n");
    h
}

fn block_html(h: &mut String, block: &Block) {
    match block {
        Block::Subheading(t) => h.push_str(&format!("<h3>{}</h3>\n", escape(t))),
        Block::Text(t) => {
            h.push_str(&format!("<p class=\"sp-text\" dir=\"auto\">{}</p>\n", escape(t)))
        }
        Block::Para(t) => h.push_str(&format!("<p>{}</p>\n", escape(t))),
        Block::Note(t) => h.push_str(&format!("<p class=\"sp-note\">{}</p>\n", escape(t))),
        Block::Bullets(items) | Block::Numbered(items) => {
            let tag = if matches!(block, Block::Bullets(_)) { "ul" } else { "ol" };
            h.push_str(&format!("<{tag}>\n"));
            for item in items {
                h.push_str(&format!("<li dir=\"auto\">{}</li>\n", escape(item)));
            }
            h.push_str(&format!("</{tag}>\n"));
        }
        Block::Fields(fields) => {
            h.push_str("<dl>\n");
            for (label, value) in fields {
                h.push_str(&format!(
                    "<dt>{}</dt><dd dir=\"auto\">{}</dd>\n",
                    escape(label),
                    escape(value)
                ));
            }
            h.push_str("</dl>\n");
        }
        Block::Table(t) => table_html(h, t),
    }
}

fn table_html(h: &mut String, t: &Table) {
    h.push_str("<table>\n<thead><tr>");
    for c in &t.columns {
        h.push_str(&format!("<th scope=\"col\">{}</th>", escape(&c.title)));
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    for row in &t.rows {
        h.push_str("<tr>");
        for (i, cell) in row.iter().enumerate() {
            let tag = if i == 0 { "th scope=\"row\"" } else { "td" };
            let close = if i == 0 { "th" } else { "td" };
            h.push_str(&format!("<{tag} dir=\"auto\">{}</{close}>", escape(cell)));
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody>\n</table>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_every_markup_character() {
        assert_eq!(
            escape(r#"<b onclick="x">&'</b>"#),
            "&lt;b onclick=&quot;x&quot;&gt;&amp;&#39;&lt;/b&gt;"
        );
        assert_eq!(escape("plain ünïcode שלום"), "plain ünïcode שלום");
    }

    #[test]
    fn the_stylesheet_prints_black_on_white_and_keeps_headings_with_their_text() {
        assert!(STYLESHEET.contains("@media print"));
        assert!(STYLESHEET.contains("break-after: avoid"));
        assert!(!STYLESHEET.contains("http"), "no remote fonts or images");
    }
}
