// First run: choose a passphrase, save the recovery key, say who you are here, and
// choose how the vault appears on the lock screen. The vault is created after the
// passphrase step, so the recovery key shown next is the real one.

import { el } from '../dom.js';
import { busy, errorBox, field, secretInput, statusLine, wipe } from '../forms.js';

export const title = 'New vault';

/** Who the person is here; changeable later in Settings. */
export const ROLES = [
  { value: 'betrayed', label: 'I was betrayed', hint: 'Tools for looking after yourself come first.' },
  { value: 'broke_trust', label: 'I broke trust', hint: 'Tools for honesty, accountability and repair come first.' },
  { value: 'both', label: 'Both, or I would rather not say', hint: 'Everything, in a neutral order.' },
];

/** Auto-lock choices in minutes. */
export const AUTO_LOCK = [1, 2, 5, 10, 15, 30, 60];

const MIN_SCORE = 2;

function steps(current) {
  const names = ['Passphrase', 'Recovery key', 'About you', 'Lock screen'];
  return el('ol', { class: 'steps', attrs: { 'aria-label': 'Steps' } }, ...names.map((n, i) => el('li', {
    text: n, class: i === current ? 'current' : (i < current ? 'done' : ''),
    attrs: i === current ? { 'aria-current': 'step' } : {},
  })));
}

/** Renders the first-run flow into `root`. */
export function render(root, ctx) {
  const card = el('section', { class: 'card wide', attrs: { 'aria-labelledby': 'firstrun-title' } });
  root.append(el('div', { class: 'center-screen' }, card));
  let timer = null;

  function passphraseStep() {
    const errors = errorBox();
    const pass = secretInput('new-passphrase', 'new-password');
    const again = secretInput('new-passphrase-again', 'new-password');
    const meter = el('meter', { id: 'strength-meter', min: 0, max: 4, low: 2, high: 3, optimum: 4, value: 0, attrs: { 'aria-label': 'Passphrase strength' } });
    const verdict = el('p', { class: 'hint', id: 'strength-text', attrs: { 'aria-live': 'polite' }, text: 'Several unrelated words make a passphrase that is easy to remember and hard to guess.' });
    let score = 0;
    pass.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        if (!pass.value) { meter.value = 0; score = 0; verdict.textContent = ''; return; }
        const s = await ctx.api.vault.strength(pass.value).catch(() => null);
        if (!s) return;
        score = s.score;
        meter.value = s.score;
        verdict.textContent = [s.summary, s.warning, s.suggestion].filter(Boolean).join(' ');
      }, 150);
    });
    const submit = el('button', { class: 'primary', id: 'create-vault', type: 'submit', text: 'Create my vault' });
    const form = el('form', {
      on: {
        submit: async (event) => {
          event.preventDefault();
          if (!pass.value) { errors.show('Choose a passphrase.'); pass.focus(); return; }
          if (pass.value !== again.value) { errors.show('The two passphrases are not the same.'); again.focus(); return; }
          const s = await ctx.api.vault.strength(pass.value).catch(() => ({ score }));
          if (s.score < MIN_SCORE) {
            errors.show('That passphrase would be quick to guess. Adding a word or two that do not belong together helps.');
            pass.focus();
            return;
          }
          const created = await busy(submit, errors, () => ctx.api.vault.create(pass.value), { label: 'Creating your vault…' });
          wipe(pass, again);
          if (created) recoveryStep(created.recoveryKey);
        },
      },
    },
    field('Passphrase', pass),
    el('div', { class: 'field' }, meter, verdict),
    field('Passphrase again', again),
    el('p', { class: 'muted small', text: 'Nobody, including the people who made Mend, can open your vault without this passphrase or the recovery key you will see next.' }),
    errors,
    el('div', { class: 'row' },
      el('button', { type: 'button', id: 'firstrun-back', text: 'Back', on: { click: () => ctx.lockNow() } }),
      submit));
    card.replaceChildren(steps(0), el('h1', { id: 'firstrun-title', text: 'Choose a passphrase' }), form);
    pass.focus();
  }

  function recoveryStep(key) {
    const errors = errorBox();
    const note = statusLine('recovery-status');
    const saved = el('input', { type: 'checkbox', id: 'recovery-saved' });
    const next = el('button', { class: 'primary', id: 'recovery-continue', text: 'Continue', disabled: true });
    saved.addEventListener('change', () => { next.disabled = !saved.checked; });
    const copy = el('button', { id: 'recovery-copy', text: 'Copy' });
    copy.addEventListener('click', () => busy(copy, errors, async () => {
      await ctx.api.recovery.copy();
      note.textContent = 'Copied. Mend clears the clipboard in 60 seconds if it still holds the key.';
    }, { label: 'Copying…' }));
    const print = el('button', { id: 'recovery-print', text: 'Print', on: { click: () => ctx.api.windowActions.print() } });
    next.addEventListener('click', async () => {
      await ctx.api.recovery.forget().catch(() => {});
      aboutStep();
    });
    card.replaceChildren(
      steps(1),
      el('h1', { id: 'firstrun-title', text: 'Save your recovery key' }),
      el('p', { text: 'If you ever forget your passphrase, this key is the only way back in. Write it down or print it, and keep it somewhere only you can reach.' }),
      el('p', { class: 'recovery-key print-area', id: 'recovery-key-text', text: key }),
      el('p', { class: 'muted small', text: 'Mend shows it only now. You can make a new one later in Settings.' }),
      el('div', { class: 'row no-print' }, copy, print),
      note, errors,
      el('div', { class: 'field checkbox no-print' }, saved, el('label', { htmlFor: 'recovery-saved', text: 'I have saved my recovery key' })),
      el('div', { class: 'row no-print' }, next),
    );
    copy.focus();
  }

  function aboutStep() {
    const errors = errorBox();
    const group = el('fieldset', { class: 'choices' }, el('legend', { text: 'Who are you here?' }),
      ...ROLES.map((r, i) => el('div', { class: 'choice' },
        el('input', { type: 'radio', name: 'role', id: `role-${r.value}`, value: r.value, checked: i === 2 }),
        el('label', { htmlFor: `role-${r.value}` }, r.label, el('span', { class: 'hint block', text: r.hint })))));
    const next = el('button', { class: 'primary', id: 'role-continue', text: 'Continue' });
    next.addEventListener('click', async () => {
      const role = group.querySelector('input:checked').value;
      const ok = await busy(next, errors, () => ctx.api.settings.set({ role }), { onError: ctx.failed });
      if (ok !== undefined) lockScreenStep();
    });
    card.replaceChildren(
      steps(2),
      el('h1', { id: 'firstrun-title', text: 'About you' }),
      el('p', { text: 'Mend has tools for both partners. Your answer only changes what you see first; every part stays open to you, and you can change this later.' }),
      group, errors, el('div', { class: 'row' }, next));
    group.querySelector('input:checked').focus();
  }

  function lockScreenStep() {
    const errors = errorBox();
    const label = el('input', { type: 'text', id: 'vault-label', maxLength: 40, autocomplete: 'off', spellcheck: false });
    const hidden = el('input', { type: 'checkbox', id: 'vault-hidden' });
    hidden.addEventListener('change', () => { label.disabled = hidden.checked; });
    const minutes = el('select', { id: 'auto-lock' }, ...AUTO_LOCK.map((m) => el('option', {
      value: String(m), text: m === 1 ? '1 minute' : `${m} minutes`, selected: m === 5,
    })));
    const finish = el('button', { class: 'primary', id: 'finish-setup', text: 'Start using Mend' });
    finish.addEventListener('click', async () => {
      const changes = { autoLockMinutes: Number(minutes.value), label: hidden.checked ? null : (label.value.trim() || null) };
      const ok = await busy(finish, errors, () => ctx.api.settings.set(changes), { onError: ctx.failed });
      if (ok !== undefined) ctx.enter('home');
    });
    card.replaceChildren(
      steps(3),
      el('h1', { id: 'firstrun-title', text: 'The lock screen' }),
      field('Name on the lock screen (optional)', label, 'Something only you recognise, such as an initial. Leave it empty to show no name.'),
      el('div', { class: 'field checkbox' }, hidden, el('label', { htmlFor: 'vault-hidden', text: 'Do not list this vault at all; I will open it with my passphrase alone' })),
      field('Lock by itself after', minutes, 'Counted from the last time you typed or moved the pointer in Mend.'),
      errors, el('div', { class: 'row' }, finish));
    label.focus();
  }

  passphraseStep();
  return () => clearTimeout(timer);
}
