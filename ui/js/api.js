// The only module that talks to the Rust side. Every command Mend has is wrapped here;
// views import these functions and never touch window.__TAURI__ themselves.
// Errors arrive as { kind, message }: `message` is always fit to show a person.

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

/** Opening, closing and looking after the vault. */
export const vault = {
  status: () => invoke('vault_status'),
  strength: (passphrase) => invoke('passphrase_strength', { passphrase }),
  create: (passphrase) => invoke('vault_create', { passphrase }),
  unlock: (id, passphrase) => invoke('vault_unlock', { id, passphrase }),
  recover: (id, recoveryKey, passphrase) => invoke('vault_recover', { id, recoveryKey, passphrase }),
  lock: () => invoke('vault_lock'),
  changePassphrase: (current, next) => invoke('passphrase_change', { current, next }),
  delete: (confirmation) => invoke('vault_delete', { confirmation }),
  activity: () => invoke('activity_ping'),
};

/** The recovery key shown once after creating a vault or making a new one. */
export const recovery = {
  copy: () => invoke('recovery_copy'),
  forget: () => invoke('recovery_forget'),
  regenerate: (passphrase) => invoke('recovery_regenerate', { passphrase }),
};

/** Settings kept inside the vault (role, auto-lock, label). */
export const settings = {
  get: () => invoke('settings_get'),
  set: (changes) => invoke('settings_set', { changes }),
};

/** Backup (encrypted) and export (not encrypted), through native file dialogs. */
export const files = {
  backup: () => invoke('backup_export'),
  restore: (passphrase, recoveryKey) => invoke('backup_restore', { passphrase, recoveryKey }),
  exportPlain: () => invoke('export_plain'),
};

/** Journal entries. */
export const journal = {
  list: () => invoke('journal_list'),
  save: (entry) => invoke('journal_save', { entry }),
  remove: (id) => invoke('journal_delete', { id }),
};

/** Calls `handler` whenever Rust locks the vault by itself (idle timeout). */
export function onLocked(handler) {
  if (tauri?.event) tauri.event.listen('vault-locked', () => handler());
}

/** Window actions the UI may take. */
export const windowActions = {
  minimize: () => tauri.window.getCurrentWindow().minimize(),
};
