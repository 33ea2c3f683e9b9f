// Settings: who I am here, auto-lock, the lock-screen name, theme, passphrase and
// recovery key, backup and export, and deleting the vault.

import { el } from '../dom.js';
import { busy, errorBox, field, secretInput, statusLine, wipe } from '../forms.js';
import { setTheme, theme } from '../theme.js';
import { ROLES, AUTO_LOCK } from './firstrun.js';

export const title = 'Settings';

function section(id, heading, ...children) {
  return el('section', { class: 'card settings-section', attrs: { 'aria-labelledby': id } },
    el('h2', { id, text: heading }), ...children);
}

/** Renders Settings. */
export function render(root, ctx) {
  const page = el('div', { class: 'content' }, el('h1', { id: 'settings-title', text: 'Settings' }));
  root.append(page);
  Promise.all([ctx.api.settings.get(), ctx.api.apology.settings()]).then(([s, a]) => page.append(
    general(ctx, s), apologySettings(ctx, a), security(ctx), data(ctx), danger(ctx),
  )).catch((e) => { if (!ctx.failed(e)) page.append(el('p', { class: 'error', attrs: { role: 'alert' }, text: e.message })); });
}

function general(ctx, s) {
  const errors = errorBox();
  const status = statusLine('settings-status');
  const saved = (what) => { status.textContent = `${what} saved.`; };
  const apply = (changes, what) => ctx.api.settings.set(changes).then(() => saved(what))
    .catch((e) => { if (!ctx.failed(e)) errors.show(e.message); });

  const role = el('select', { id: 'settings-role', on: { change: (e) => apply({ role: e.target.value }, 'Role').then(() => ctx.roleChanged(e.target.value)) } },
    ...ROLES.map((r) => el('option', { value: r.value, text: r.label, selected: r.value === s.role })));
  const minutes = el('select', { id: 'settings-auto-lock', on: { change: (e) => apply({ autoLockMinutes: Number(e.target.value) }, 'Auto-lock') } },
    ...AUTO_LOCK.map((m) => el('option', { value: String(m), text: m === 1 ? '1 minute' : `${m} minutes`, selected: m === s.autoLockMinutes })));
  const label = el('input', { type: 'text', id: 'settings-label', maxLength: 40, value: s.label || '', autocomplete: 'off', spellcheck: false });
  const saveLabel = el('button', { id: 'settings-label-save', text: 'Save name' });
  label.addEventListener('keydown', (e) => { if (e.key === 'Enter' && !e.isComposing) saveLabel.click(); });
  saveLabel.addEventListener('click', () => busy(saveLabel, errors,
    () => ctx.api.settings.set({ label: label.value.trim() || null }).then(() => saved('Lock-screen name')), { onError: ctx.failed }));
  const themeSelect = el('select', { id: 'settings-theme', on: { change: (e) => setTheme(e.target.value).then(() => saved('Theme'), (err) => errors.show(err.message)) } },
    ...[['system', 'Same as the system'], ['light', 'Light'], ['dark', 'Dark']].map(([v, t]) => el('option', { value: v, text: t, selected: v === theme() })));

  return section('settings-general', 'You and this vault',
    field('Who are you here?', role, 'Changes what Home shows first. Everything stays open to you.'),
    field('Lock by itself after', minutes, 'Counted from the last key press or pointer movement in Mend.'),
    field('Name on the lock screen', label, 'Leave it empty to keep this vault off the lock screen; you then open it with your passphrase alone.'),
    el('div', { class: 'row' }, saveLabel),
    field('Theme', themeSelect, 'Remembered on this computer, outside the vault, so the lock screen uses it too.'),
    errors, status);
}

const COOL_OFF = [0, 6, 12, 24, 48, 72, 168];

function apologySettings(ctx, a) {
  const errors = errorBox();
  const status = statusLine('apology-settings-status');
  const hours = el('select', {
    id: 'settings-cool-off',
    on: { change: (e) => ctx.api.apology.setSettings({ coolOffHours: Number(e.target.value) })
      .then(() => { status.textContent = 'Cool-off saved.'; })
      .catch((err) => { if (!ctx.failed(err)) errors.show(err.message); }) },
  }, ...COOL_OFF.map((h) => el('option', {
    value: String(h), selected: h === a.coolOffHours,
    text: h === 0 ? 'No pause' : h === 168 ? 'A week' : `${h} hours`,
  })));
  return section('settings-apology', 'Apology drafts',
    field('Pause before a draft can be marked ready', hours, 'Counted from when the draft was started. A night’s sleep often changes what we want to say.'),
    errors, status);
}

function security(ctx) {
  const errors = errorBox();
  const status = statusLine('security-status');
  const current = secretInput('current-passphrase', 'current-password');
  const next = secretInput('next-passphrase', 'new-password');
  const again = secretInput('next-passphrase-again', 'new-password');
  const change = el('button', { id: 'change-passphrase', type: 'submit', text: 'Change passphrase' });
  const form = el('form', {
    on: {
      submit: async (event) => {
        event.preventDefault();
        if (!next.value) { errors.show('Choose a new passphrase.'); next.focus(); return; }
        if (next.value !== again.value) { errors.show('The two new passphrases are not the same.'); again.focus(); return; }
        const strength = await ctx.api.vault.strength(next.value).catch(() => ({ score: 0 }));
        if (strength.score < 2) { errors.show('That passphrase would be quick to guess. Adding a word or two that do not belong together helps.'); return; }
        const ok = await busy(change, errors, () => ctx.api.vault.changePassphrase(current.value, next.value), { label: 'Changing…', onError: ctx.failed });
        wipe(current, next, again);
        if (ok !== undefined) status.textContent = 'Passphrase changed. Use the new one from now on.';
      },
    },
  },
  field('Current passphrase', current),
  field('New passphrase', next),
  field('New passphrase again', again),
  el('div', { class: 'row' }, change));

  const keyPass = secretInput('recovery-passphrase', 'current-password');
  const regenerate = el('button', { id: 'regenerate-recovery', text: 'Make a new recovery key' });
  const shown = el('div', { class: 'recovery-box' });
  regenerate.addEventListener('click', async () => {
    if (!keyPass.value) { errors.show('Enter your passphrase to make a new recovery key.'); keyPass.focus(); return; }
    const made = await busy(regenerate, errors, () => ctx.api.recovery.regenerate(keyPass.value), { label: 'Making…', onError: ctx.failed });
    wipe(keyPass);
    if (!made) return;
    const copy = el('button', { text: 'Copy', on: { click: () => ctx.api.recovery.copy().then(() => { status.textContent = 'Copied. The clipboard is cleared in 60 seconds.'; }) } });
    const doneBtn = el('button', { class: 'primary', text: 'I have saved it', on: { click: () => { ctx.api.recovery.forget(); shown.replaceChildren(); status.textContent = 'The new recovery key is in use; the old one no longer works.'; } } });
    shown.replaceChildren(
      el('p', { text: 'Your new recovery key (shown only now):' }),
      el('p', { class: 'recovery-key print-area', id: 'new-recovery-key', text: made.recoveryKey }),
      el('div', { class: 'row' }, copy, el('button', { text: 'Print', on: { click: () => ctx.api.windowActions.print() } }), doneBtn));
  });

  return section('settings-security', 'Passphrase and recovery key', form,
    el('h3', { text: 'Recovery key' }),
    el('p', { class: 'muted', text: 'If your recovery key may have been seen by someone else, make a new one. The old key stops working at once.' }),
    field('Passphrase', keyPass), el('div', { class: 'row' }, regenerate), shown, errors, status);
}

function data(ctx) {
  const errors = errorBox();
  const status = statusLine('data-status');
  const backup = el('button', { id: 'backup-export', text: 'Save a backup…' });
  backup.addEventListener('click', () => busy(backup, errors, async () => {
    const r = await ctx.api.files.backup();
    if (r.saved) status.textContent = 'Backup saved. It is encrypted and opens with this vault’s passphrase or recovery key.';
  }, { label: 'Saving…', onError: ctx.failed }));

  const warning = el('div', { class: 'warning', id: 'export-warning', hidden: true, attrs: { role: 'alert' } },
    el('p', {}, el('strong', { text: 'The exported files are not encrypted. ' }),
      'Anyone who can open them can read everything you wrote. Keep them somewhere private, and delete them when you no longer need them.'),
    el('div', { class: 'row' },
      el('button', { class: 'primary', id: 'export-confirm', text: 'I understand, export', on: { click: () => runExport() } }),
      el('button', { text: 'Cancel', on: { click: () => { warning.hidden = true; } } })));
  const exportButton = el('button', { id: 'export-plain', text: 'Export to Markdown and JSON…', on: { click: () => { warning.hidden = false; } } });
  async function runExport() {
    warning.hidden = true;
    await busy(exportButton, errors, async () => {
      const r = await ctx.api.files.exportPlain();
      if (r.saved) status.textContent = 'Exported. Remember: these files are not encrypted.';
    }, { label: 'Exporting…', onError: ctx.failed });
  }
  return section('settings-data', 'Backup and export',
    el('p', { class: 'muted', id: 'backup-help', text: 'Mend makes no backups by itself. A backup is one encrypted file, saved wherever you choose; to restore it, use “Restore a backup” on the lock screen, where it becomes a new vault and replaces nothing.' }),
    el('div', { class: 'row' }, backup),
    el('p', { class: 'muted', text: 'Export makes readable copies of everything, for leaving Mend or keeping a record elsewhere.' }),
    el('div', { class: 'row' }, exportButton), warning, errors, status);
}

function danger(ctx) {
  const errors = errorBox();
  const confirmInput = el('input', { type: 'text', id: 'delete-confirm', autocomplete: 'off', spellcheck: false });
  const del = el('button', { class: 'danger', id: 'delete-vault', text: 'Delete this vault' });
  del.addEventListener('click', async () => {
    const ok = await busy(del, errors, () => ctx.api.vault.delete(confirmInput.value), { label: 'Deleting…', onError: ctx.failed });
    if (ok !== undefined) ctx.lockNow();
  });
  return section('settings-delete', 'Delete this vault',
    el('p', { text: 'Deleting removes everything in this vault from this computer. It cannot be undone, and backups you saved elsewhere are not touched.' }),
    field('Type the word delete to confirm', confirmInput),
    el('div', { class: 'row' }, del), errors);
}
