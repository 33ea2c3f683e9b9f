// After unlocking, Rust checks every page of the vault's file in the background. If it
// finds damage it says so (event `vault-damaged`), and a calm note appears above the
// open vault's screens: nothing was changed, nothing damaged is shown as good, and a
// backup can be restored. The note goes when the vault locks (the shell is redrawn).

import { el } from './dom.js';
import * as api from './api.js';

const NOTE_ID = 'vault-damage-note';

function note(navigate) {
  const box = el('div', { id: NOTE_ID, class: 'notice', attrs: { role: 'status' } },
    el('p', { text: 'While checking this vault in the background, Mend found a part of its file that is damaged. A disk fault or an interrupted copy can do this; it is nothing you did.' }),
    el('p', { text: 'Nothing was changed, and nothing damaged will be shown to you as if it were fine. If you saved a backup, you can restore it as a new vault; Settings says how.' }),
    el('div', { class: 'row' },
      el('button', { type: 'button', text: 'Open Settings', on: { click: () => navigate('settings') } }),
      el('button', { type: 'button', text: 'Hide this note', on: { click: () => box.remove() } })));
  return box;
}

/**
 * Shows the note whenever the open vault's check has found damage: when Rust says so,
 * and each time the unlocked shell is drawn (the check may finish before it is).
 */
export function watchDamage(root, isUnlocked, navigate) {
  let shown = false;
  const show = async () => {
    const health = await api.vault.health().catch(() => null);
    const layout = root.querySelector('.layout');
    if (health !== 'damaged' || !isUnlocked() || !layout || root.querySelector(`#${NOTE_ID}`)) return;
    if (shown) return;
    shown = true;
    layout.before(note(navigate));
  };
  api.onDamaged(show);
  new MutationObserver(() => {
    if (!isUnlocked()) { shown = false; return; }
    if (root.querySelector('.layout') && !root.querySelector(`#${NOTE_ID}`)) show();
  }).observe(root, { childList: true });
}
