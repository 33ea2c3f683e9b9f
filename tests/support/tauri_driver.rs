//! Starting tauri-driver, shared by the end-to-end harness (tests/e2e/harness.rs) and the
//! window benchmark (benches/window.rs), which include this file with `#[path]`.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::time::Duration;

/// A loopback port free right now (each run gives tauri-driver its own ports).
pub fn free_port() -> std::io::Result<u16> {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port())
}

/// The tauri-driver to run: `$TAURI_DRIVER` (set by `cargo xtask`), else the one
/// `cargo install` put in Cargo's bin folder, else whatever `PATH` finds.
pub fn binary() -> PathBuf {
    if let Some(path) = std::env::var_os("TAURI_DRIVER") {
        return PathBuf::from(path);
    }
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")));
    let in_cargo = home.map(|h| h.join("bin/tauri-driver")).filter(|p| p.is_file());
    in_cargo.unwrap_or_else(|| PathBuf::from("tauri-driver"))
}

/// A plain `GET /status` over loopback, true once the driver answers "ready".
pub fn ready(port: u16) -> bool {
    let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) else { return false };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    let request =
        format!("GET /status HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n");
    if stream.write_all(request.as_bytes()).is_err() {
        return false;
    }
    let mut response = String::new();
    let _ = stream.read_to_string(&mut response);
    response.starts_with("HTTP/1.1 200")
}
