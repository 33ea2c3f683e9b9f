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

/**
 * What Rust handed over for the first screen before any script ran (`boot_plugin` in
 * src-tauri/commands/app.rs): `{ status, theme }`, or null when there is none. Given
 * once; later screens ask `vault.status()`, since vaults come and go.
 */
export function takeBoot() {
  const boot = window.__MEND_BOOT__ || null;
  delete window.__MEND_BOOT__;
  return boot;
}

/** Facts about the app (name, version), safe before unlocking. */
export const app = {
  info: () => invoke('app_info'),
};

/** Light or dark: the choice (kept outside the vault) and what the desktop prefers. */
export const appearance = {
  get: () => invoke('appearance_get'),
  set: (theme) => invoke('appearance_set', { theme }),
};

/** Calls `handler(dark)` when the desktop's preference becomes known or changes. */
export function onSystemTheme(handler) {
  if (tauri?.event) tauri.event.listen('system-theme', (e) => handler(e.payload));
}

/** Opening, closing and looking after the vault. */
export const vault = {
  status: () => invoke('vault_status'),
  strength: (passphrase) => invoke('passphrase_strength', { passphrase }),
  create: (passphrase) => invoke('vault_create', { passphrase }),
  unlock: (id, passphrase) => invoke('vault_unlock', { id, passphrase }),
  recover: (id, recoveryKey, passphrase) => invoke('vault_recover', { id, recoveryKey, passphrase }),
  lock: () => invoke('vault_lock'),
  /** What the background check found: 'checking', 'sound', 'damaged' or 'unchecked'. */
  health: () => invoke('vault_health'),
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

/** Journal entries, guided prompts and full-text search. */
export const journal = {
  list: (filter = {}) => invoke('journal_list', { filter }),
  get: (id) => invoke('journal_get', { id }),
  save: (entry) => invoke('journal_save', { entry }),
  remove: (id) => invoke('journal_delete', { id }),
  search: (query) => invoke('journal_search', { query }),
  prompts: () => invoke('journal_prompts'),
};

/** Living documents with one version per day: needs, accountability, honesty, recommitment. */
export const docs = {
  get: (kind) => invoke('doc_get', { kind }),
  save: (kind, today, fields) => invoke('doc_save', { kind, today, fields }),
  version: (id) => invoke('doc_version', { id }),
  restore: (id, today) => invoke('doc_restore', { id, today }),
  removeVersion: (id) => invoke('doc_version_delete', { id }),
  accountabilityCheck: (text) => invoke('accountability_check', { text }),
};

/** Emotion check-ins and the waves chart. */
export const checkins = {
  save: (checkin) => invoke('checkin_save', { checkin }),
  list: (filter = {}) => invoke('checkin_list', { filter }),
  remove: (id) => invoke('checkin_delete', { id }),
  waves: (range) => invoke('checkin_waves', { query: { range } }),
};

/** The trigger log and its patterns. */
export const triggers = {
  save: (trigger) => invoke('trigger_save', { trigger }),
  list: (filter = {}) => invoke('trigger_list', { filter }),
  remove: (id) => invoke('trigger_delete', { id }),
  patterns: () => invoke('trigger_patterns', { query: {} }),
};

/** The questions log (for the partner who broke trust). */
export const questions = {
  save: (question) => invoke('question_save', { question }),
  list: () => invoke('question_list'),
  similar: (text) => invoke('question_similar', { text }),
  remove: (id) => invoke('question_delete', { id }),
};

/** The re-wooing planner. */
export const rewoo = {
  save: (item) => invoke('rewoo_save', { item }),
  list: () => invoke('rewoo_list'),
  done: (id, done) => invoke('rewoo_done', { id, done }),
  remove: (id) => invoke('rewoo_delete', { id }),
};

/** The therapy-readiness checklist, GAD-7, PHQ-9 and their history. */
export const readiness = {
  spec: () => invoke('readiness_spec'),
  evaluate: (kind, answers) => invoke('readiness_evaluate', { kind, answers }),
  save: (kind, answers) => invoke('readiness_save', { kind, answers }),
  list: (kind = null) => invoke('readiness_list', { kind }),
  remove: (id) => invoke('readiness_delete', { id }),
};

/** The session-prep sheet: draft, live preview (a document, never HTML) and PDF. */
export const prep = {
  get: (day) => invoke('session_prep_get', { today: day }),
  save: (draft) => invoke('session_prep_save', { draft }),
  preview: (draft, day) => invoke('session_prep_preview', { draft, today: day }),
  pdf: (draft, day) => invoke('session_prep_pdf', { draft, today: day }),
};

/** The apology helper: live checker, drafts with versions and a cool-off, copy. */
export const apology = {
  check: (text) => invoke('apology_check', { text }),
  list: () => invoke('apology_list'),
  get: (id) => invoke('apology_get', { id }),
  save: (draft) => invoke('apology_save', { draft }),
  version: (id) => invoke('apology_version', { id }),
  restore: (id, day) => invoke('apology_restore', { id, today: day }),
  ready: (id, ready) => invoke('apology_ready', { id, ready }),
  remove: (id) => invoke('apology_delete', { id }),
  settings: () => invoke('apology_settings_get'),
  setSettings: (settings) => invoke('apology_settings_set', { settings }),
  copy: (id) => invoke('apology_copy', { id }),
};

/** What Home shows. */
export const home = {
  summary: (today) => invoke('home_summary', { today }),
};

/** Today's local date as YYYY-MM-DD (versions and plans are kept per local day). */
export function today(d = new Date()) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Calls `handler` whenever Rust locks the vault by itself (idle timeout). */
export function onLocked(handler) {
  if (tauri?.event) tauri.event.listen('vault-locked', () => handler());
}

/** Calls `handler` when the background check of the open vault finds damage. */
export function onDamaged(handler) {
  if (tauri?.event) tauri.event.listen('vault-damaged', () => handler());
}

/** Window actions the UI may take. */
export const windowActions = {
  minimize: () => tauri.window.getCurrentWindow().minimize(),
  /** The system print dialog; the print stylesheet picks what goes on paper. */
  print: () => invoke('window_print'),
};
