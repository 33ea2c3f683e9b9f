//! Thin IPC adapters, one file per feature: deserialize, call the domain, map errors.

pub mod app;
