//! Thin IPC adapters, one file per feature: deserialize, call the domain, map errors.

pub mod apology;
pub mod app;
pub mod dispatch;
pub mod files;
pub mod journal;
pub mod readiness;
pub mod settings;
pub mod vault;
pub mod workbook;
