//! What the running app holds between commands.

/// Shared state managed by Tauri. Filled in by the vault (issue 3): `None` = locked.
#[derive(Default)]
pub struct AppState {}
