//! End-to-end tests: the real Mend binary in a real window, driven through WebDriver.
//! Run them with `cargo xtask test` (it provides Xvfb, tauri-driver and a session bus).

mod a11y;
mod apology;
mod appearance;
mod care;
mod clipboard;
mod harness;
mod health;
mod markup;
mod settings;
mod shell;
#[path = "../support/tauri_driver.rs"]
mod tauri_driver;
mod therapy;
mod vault;
mod workbook;
