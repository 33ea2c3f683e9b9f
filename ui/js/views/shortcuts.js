// Keyboard shortcuts: the list shown in the help dialog (Ctrl/Cmd+/ or the top bar's
// "Shortcuts" button) and the names of the keys on this computer. app.js handles the keys
// themselves; this module only says what they are, so the two never drift apart.

import { el } from '../dom.js';

/** True on macOS, where Cmd takes the place of Ctrl. */
export const MAC = /^Mac/i.test(navigator.platform || '');

/** The modifier's name as printed on this computer's keyboard. */
export const MOD = MAC ? 'Cmd' : 'Ctrl';

/**
 * Every shortcut Mend has: the keys (each a list of key names pressed together), what
 * it does, and where it works: 'always', 'unlocked' (inside an open vault) or a note.
 */
export function shortcutList() {
  return [
    { keys: [[MOD, '/']], what: 'Show this list of shortcuts', when: 'always' },
    { keys: [['Esc'], ['Esc']], what: 'Hide and lock Mend at once (press Esc twice, quickly)', when: 'always' },
    { keys: [['Esc']], what: 'Close a dialog, like this one', when: 'always' },
    { keys: [[MOD, 'L']], what: 'Lock now', when: 'unlocked' },
    { keys: [[MOD, 'N']], what: 'Start a new journal entry', when: 'unlocked' },
    { keys: [[MOD, 'K']], what: 'Search your journal (the search box at the top)', when: 'unlocked', also: [[MOD, 'F']] },
    { keys: [[MOD, 'P']], what: 'Print the session-prep sheet or the apology letter you are looking at', when: 'unlocked' },
    { keys: [['Tab']], what: 'Move to the next control; Shift+Tab moves back', when: 'always' },
    { keys: [['←'], ['→']], what: 'Choose between options in a group, such as the period on Waves, or move a slider', when: 'always' },
    { keys: [['↑'], ['↓']], what: 'Move between the sections in the sidebar', when: 'unlocked' },
    { keys: [['Enter']], what: 'Send a form, such as the passphrase; Space or Enter presses a button', when: 'always' },
  ];
}

function keyCombo(combo) {
  const out = [];
  combo.forEach((key, i) => {
    if (i) out.push('+');
    out.push(el('kbd', { text: key }));
  });
  return out;
}

function keysCell(keys, also) {
  const out = [];
  keys.forEach((combo, i) => {
    if (i) out.push(' ');
    out.push(...keyCombo(combo));
  });
  for (const combo of also || []) out.push(' or ', ...keyCombo(combo));
  return out;
}

let dialog = null;
let returnTo = null;

function build(unlocked) {
  const rows = shortcutList().filter((s) => unlocked || s.when === 'always');
  const close = el('button', { class: 'primary', id: 'shortcuts-close', text: 'Close' });
  const d = el('dialog', { id: 'shortcuts-dialog', class: 'shortcuts', attrs: { 'aria-labelledby': 'shortcuts-title' } },
    el('h2', { id: 'shortcuts-title', text: 'Keyboard shortcuts' }),
    el('p', { class: 'muted', text: unlocked
      ? 'Everything in Mend can be reached with the keyboard alone. These keys save a few steps.'
      : 'Everything in Mend can be reached with the keyboard alone. More shortcuts work once a vault is open.' }),
    el('table', { class: 'shortcut-table' },
      el('caption', { class: 'visually-hidden', text: 'Keys and what they do' }),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'Keys' }), el('th', { scope: 'col', text: 'What they do' }))),
      el('tbody', {}, ...rows.map((s) => el('tr', {},
        el('td', { class: 'keys' }, ...keysCell(s.keys, s.also)),
        el('td', { text: s.what }))))),
    el('div', { class: 'row' }, close));
  close.addEventListener('click', () => d.close());
  d.addEventListener('close', () => {
    d.remove();
    if (returnTo && returnTo.isConnected) returnTo.focus();
    returnTo = null;
  });
  return d;
}

/** True while the shortcuts dialog is open. */
export function shortcutsOpen() {
  return Boolean(dialog && dialog.open);
}

/** Opens the shortcuts dialog; `unlocked` decides which shortcuts apply. */
export function openShortcuts(unlocked) {
  if (shortcutsOpen()) return;
  returnTo = document.activeElement;
  dialog = build(unlocked);
  document.body.append(dialog);
  dialog.showModal();
  dialog.querySelector('#shortcuts-close').focus();
}

/** The top bar's button that opens the dialog. */
export function shortcutsButton(unlocked) {
  return el('button', {
    id: 'shortcuts-button', class: 'quiet', text: 'Shortcuts',
    title: `Keyboard shortcuts (${MOD}+/)`,
    attrs: { 'aria-keyshortcuts': MAC ? 'Meta+/' : 'Control+/' },
    on: { click: () => openShortcuts(unlocked) },
  });
}
