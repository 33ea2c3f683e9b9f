//! Leaving Mend: everything in the open vault as Markdown (to read) and JSON (for other
//! tools). The result is NOT encrypted; the window says so before asking where to save.

use rusqlite::Connection;
use serde_json::json;

use crate::error::Result;
use crate::workbook::journal;

/// Everything as one JSON document.
pub fn json(conn: &Connection) -> Result<String> {
    let entries = journal::list(conn)?;
    let doc = json!({
        "format": "mend-export",
        "version": 1,
        "exportedAt": journal::timestamp(chrono::Utc::now()),
        "journal": entries,
    });
    Ok(serde_json::to_string_pretty(&doc).unwrap_or_default())
}

/// Everything as a Markdown document, oldest first, so it reads like a diary.
pub fn markdown(conn: &Connection) -> Result<String> {
    let mut out = String::from("# Mend export\n\nThis file is not encrypted.\n\n## Journal\n");
    let mut entries = journal::list(conn)?;
    entries.reverse();
    for e in entries {
        let title = if e.title.trim().is_empty() { "Untitled" } else { e.title.trim() };
        out.push_str(&format!(
            "\n### {}\n\n_{}_\n\n{}\n",
            title.replace('\n', " "),
            e.created_at,
            e.body
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workbook::journal::Draft;

    #[test]
    fn both_formats_hold_every_entry() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(include_str!("vault/sql/001_init.sql")).unwrap();
        for (t, b) in [("first", "one"), ("", "two 🌿")] {
            let d = Draft { id: None, title: t.into(), body: b.into() };
            journal::save(&conn, &d, chrono::Utc::now()).unwrap();
        }
        let md = markdown(&conn).unwrap();
        assert!(md.contains("### first") && md.contains("### Untitled") && md.contains("two 🌿"));
        let parsed: serde_json::Value = serde_json::from_str(&json(&conn).unwrap()).unwrap();
        assert_eq!(parsed["journal"].as_array().unwrap().len(), 2);
        assert_eq!(parsed["format"], "mend-export");
    }
}
