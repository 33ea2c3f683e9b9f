// The lock screen: the labelled vaults (only those), a passphrase, the recovery key
// path, restoring a backup, and starting a new vault. It never shows content.

import { append, clear, el } from '../dom.js';
import { busy, errorBox, field, secretInput, wipe } from '../forms.js';

export const title = 'Locked';

/** Renders the lock screen; `ctx.params.status` is the result of `vault_status`. */
export function render(root, ctx) {
  const status = ctx.params.status || { vaults: [] };
  const errors = errorBox();
  const card = el('section', { class: 'card', attrs: { 'aria-labelledby': 'lock-title' } });
  root.append(el('div', { class: 'center-screen' }, card));

  const picker = status.vaults.length
    ? el('select', { id: 'vault-picker' },
      ...status.vaults.map((v) => el('option', { value: v.id, text: v.label })),
      el('option', { value: '', text: 'Another vault (passphrase only)' }))
    : null;
  const chosen = () => (picker && picker.value) || null;

  function unlockForm() {
    const pass = secretInput('passphrase', 'current-password');
    const submit = el('button', { class: 'primary', id: 'unlock', type: 'submit', text: 'Unlock' });
    const form = el('form', {
      on: {
        submit: async (event) => {
          event.preventDefault();
          if (!pass.value) { errors.show('Enter your passphrase.'); pass.focus(); return; }
          const ok = await busy(submit, errors, () => ctx.api.vault.unlock(chosen(), pass.value), { label: 'Unlocking…' });
          wipe(pass);
          if (ok !== undefined) ctx.enter('home');
          else pass.focus();
        },
      },
    },
    picker && field('Vault', picker),
    field('Passphrase', pass),
    errors,
    el('div', { class: 'row' }, submit));
    return { form, focus: pass };
  }

  function recoveryForm() {
    const key = el('input', { type: 'text', id: 'recovery-key', autocomplete: 'off', spellcheck: false, attrs: { autocapitalize: 'characters' } });
    const pass = secretInput('new-passphrase', 'new-password');
    const again = secretInput('new-passphrase-again', 'new-password');
    const submit = el('button', { class: 'primary', id: 'recover', type: 'submit', text: 'Set new passphrase and unlock' });
    const form = el('form', {
      on: {
        submit: async (event) => {
          event.preventDefault();
          if (!key.value.trim()) { errors.show('Enter the recovery key you saved.'); key.focus(); return; }
          if (!pass.value) { errors.show('Choose a new passphrase.'); pass.focus(); return; }
          if (pass.value !== again.value) { errors.show('The two new passphrases are not the same.'); again.focus(); return; }
          const ok = await busy(submit, errors, () => ctx.api.vault.recover(chosen(), key.value, pass.value), { label: 'Unlocking…' });
          wipe(pass, again);
          if (ok !== undefined) { wipe(key); ctx.enter('home'); }
        },
      },
    },
    el('p', { class: 'muted', text: 'Your recovery key opens the vault and lets you choose a new passphrase. Everything inside stays as it was.' }),
    picker && field('Vault', picker),
    field('Recovery key', key, 'Letters and numbers in groups; spaces, dashes and case do not matter.'),
    field('New passphrase', pass),
    field('New passphrase again', again),
    errors,
    el('div', { class: 'row' }, submit));
    return { form, focus: key };
  }

  function restoreForm() {
    const pass = secretInput('restore-passphrase', 'off');
    const submit = el('button', { class: 'primary', id: 'restore', type: 'submit', text: 'Choose backup file…' });
    const done = el('p', { class: 'status', attrs: { role: 'status' } });
    const form = el('form', {
      on: {
        submit: async (event) => {
          event.preventDefault();
          const secret = pass.value;
          if (!secret) { errors.show('Enter the passphrase or recovery key of the backup.'); pass.focus(); return; }
          const looksLikeKey = /^[A-Za-z0-9]{4}([- ][A-Za-z0-9]{4}){5,}$/.test(secret.trim());
          const result = await busy(submit, errors,
            () => ctx.api.files.restore(looksLikeKey ? null : secret, looksLikeKey ? secret : null),
            { label: 'Restoring…' });
          wipe(pass);
          if (result && result.restored) {
            done.textContent = 'The backup was restored as a new vault. Unlock it with the same passphrase.';
            const status2 = await ctx.api.vault.status().catch(() => status);
            ctx.navigate('lock', { status: status2, notice: done.textContent });
          }
        },
      },
    },
    el('p', { class: 'muted', text: 'A backup becomes a new vault beside the ones here; nothing existing is replaced.' }),
    field('Passphrase or recovery key of the backup', pass),
    errors, done,
    el('div', { class: 'row' }, submit));
    return { form, focus: pass };
  }

  const modes = { unlock: unlockForm, recovery: recoveryForm, restore: restoreForm };
  const headings = { unlock: 'Unlock Mend', recovery: 'Use your recovery key', restore: 'Restore a backup' };

  function show(mode) {
    const { form, focus } = modes[mode]();
    errors.show('');
    const switches = Object.keys(modes).filter((m) => m !== mode).map((m) => el('button', {
      class: 'link', type: 'button', id: `mode-${m}`,
      text: { unlock: 'Unlock with passphrase', recovery: 'Use recovery key', restore: 'Restore a backup' }[m],
      on: { click: () => show(m) },
    }));
    append(clear(card), [
      el('h1', { id: 'lock-title', text: headings[mode] }),
      ctx.params.notice && el('p', { class: 'notice', attrs: { role: 'status' }, text: ctx.params.notice }),
      ctx.params.error && el('p', { class: 'error', attrs: { role: 'alert' }, text: ctx.params.error }),
      form,
      el('div', { class: 'row lock-links' }, ...switches,
        el('button', { class: 'link', type: 'button', id: 'new-vault', text: 'New vault', on: { click: () => ctx.navigate('firstrun') } })),
    ]);
    focus.focus();
  }

  show('unlock');
}
