// The crisis help dialog: reachable from every screen, the lock screen included.

import { el, clear } from '../dom.js';
import { COUNTRIES, DIRECTORY, REVIEWED, defaultCountry } from '../crisis-data.js';

let dialog = null;
let country = defaultCountry();

function linesFor(code, list) {
  const c = COUNTRIES[code];
  clear(list);
  list.append(
    el('p', { class: 'crisis-line' },
      el('strong', { text: 'In immediate danger: ' }),
      el('span', { class: 'number', text: c.emergency })),
    ...c.lines.map((line) => el('div', { class: 'crisis-line' },
      el('div', {}, el('strong', { text: line.name })),
      el('div', { class: 'number', text: line.number }),
      el('div', { class: 'small muted', text: line.how }))),
  );
}

function build() {
  const list = el('div', { attrs: { 'aria-live': 'polite' } });
  const picker = el('select', {
    id: 'crisis-country',
    on: { change: (e) => { country = e.target.value; linesFor(country, list); } },
  }, ...Object.entries(COUNTRIES).map(([code, c]) =>
    el('option', { value: code, text: c.name, selected: code === country })));
  const d = el('dialog', { id: 'crisis-dialog', attrs: { 'aria-labelledby': 'crisis-title' } },
    el('h2', { id: 'crisis-title', text: 'Help right now' }),
    el('p', { text: 'If you are in danger or thinking about ending your life, you deserve support now. These lines are free and confidential.' }),
    el('div', { class: 'field' },
      el('label', { htmlFor: 'crisis-country', text: 'Country' }),
      picker),
    list,
    el('p', { class: 'small muted' },
      `Elsewhere: ${DIRECTORY.name} (${DIRECTORY.where}). ${DIRECTORY.note} `,
      `This list was last reviewed in ${REVIEWED}; if a number does not connect, your local emergency number will.`),
    el('div', { class: 'row' },
      el('button', { class: 'primary', text: 'Close', on: { click: () => d.close() } })),
  );
  linesFor(country, list);
  return d;
}

/** The chosen country's lines, inline (used where help must show at once). */
export function crisisPanel() {
  const list = el('div', { class: 'crisis-inline' });
  linesFor(country, list);
  return list;
}

/** Opens the crisis dialog over whatever screen is showing. */
export function openCrisis() {
  if (!dialog || !dialog.isConnected) {
    dialog = build();
    document.body.append(dialog);
  }
  dialog.showModal();
}

/** The button placed in every screen's top bar. */
export function crisisButton() {
  return el('button', { class: 'crisis-button', id: 'crisis-button', text: 'Crisis help', on: { click: openCrisis } });
}
