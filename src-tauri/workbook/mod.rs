//! The self-care workbook's domain: plain functions over a `rusqlite::Connection`,
//! knowing nothing of Tauri.

pub mod journal;
