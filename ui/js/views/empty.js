// The first thing a tool shows before anything is in it (UI.md, "Empty states"): one
// sentence on what the tool is for, one on how it fits healing after a betrayal, and
// one button to start. Every screen builds its empty state here so they look alike.

import { el } from '../dom.js';

/**
 * An empty-state card. `what` and `frame` are sentences; `start` is
 * `{ text, onClick, primary }` for the one button (leave it out for none).
 * `className` adds classes (for example `no-print`).
 */
export function emptyState(id, what, frame, start, className = '') {
  const button = start && el('button', {
    class: start.primary ? 'primary' : '', id: `${id}-start`, text: start.text,
    on: { click: start.onClick },
  });
  return el('div', { class: `empty card ${className}`.trim(), id },
    el('p', { text: what }),
    el('p', { class: 'muted', text: frame }),
    button && el('div', { class: 'row' }, button));
}
