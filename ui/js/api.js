// The only module that talks to the Rust side. Every command Mend has is wrapped here;
// views import these functions and never touch window.__TAURI__ themselves.

const tauri = window.__TAURI__;

function invoke(command, args) {
  if (!tauri || !tauri.core) {
    return Promise.reject({ kind: 'unavailable', message: 'Mend must be opened as an app.' });
  }
  return tauri.core.invoke(command, args);
}

/** Facts about the app (name, version), safe before unlocking. */
export const app = {
  info: () => invoke('app_info'),
};

/** Window actions the UI may take. */
export const windowActions = {
  minimize: () => tauri.window.getCurrentWindow().minimize(),
};
