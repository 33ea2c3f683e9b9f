// Bootstrap, shell and router. Two shells: locked (top bar with Crisis help, one screen)
// and unlocked (top bar with Lock, a sidebar, one view). Changing view tears the old one
// down; locking tears down the whole unlocked shell before the lock screen is drawn.

import { el, clear } from './dom.js';
import * as api from './api.js';
import './theme.js';
import { crisisButton } from './views/crisis.js';
import * as welcome from './views/welcome.js';
import * as lock from './views/lock.js';
import * as firstrun from './views/firstrun.js';
import * as home from './views/home.js';
import * as journal from './views/journal.js';
import * as settings from './views/settings.js';

/** Every screen, by name. A view module exports `title` and `render(root, ctx)`. */
const views = { welcome, lock, firstrun, home, journal, settings };

/** The sidebar of the unlocked shell, in reading order. */
const NAV = [
  { view: 'home', label: 'Home' },
  { view: 'journal', label: 'Journal' },
  { view: 'settings', label: 'Settings' },
];

const root = document.getElementById('app');
let main = null;
let unlocked = false;
let cleanup = null;

function topBar() {
  return el('header', { class: 'top-bar' },
    el('span', { class: 'brand', text: 'Mend' }),
    el('div', { class: 'row' },
      unlocked && el('button', {
        id: 'lock-button', text: 'Lock', title: 'Lock (Ctrl+L)',
        on: { click: () => lockNow() },
      }),
      crisisButton()));
}

/** Redraws the shell; returns whatever the old view's cleanup is still finishing. */
function drawShell() {
  const pending = typeof cleanup === 'function' ? cleanup() : null;
  cleanup = null;
  for (const d of document.querySelectorAll('dialog[open]')) {
    if (d.id !== 'crisis-dialog') d.close();
  }
  for (const d of document.querySelectorAll('dialog:not(#crisis-dialog)')) d.remove();
  main = el('main', { id: 'main', tabIndex: -1 });
  if (!unlocked) {
    clear(root).append(topBar(), main);
    return pending;
  }
  const nav = el('nav', { class: 'sidebar', attrs: { 'aria-label': 'Sections' } },
    el('ul', {}, ...NAV.map((item) => el('li', {},
      el('button', {
        class: 'nav-link', dataset: { view: item.view }, text: item.label,
        on: { click: () => navigate(item.view) },
      })))));
  clear(root).append(topBar(), el('div', { class: 'layout' }, nav, main));
  return pending;
}

/** Shows the named view, removing everything the previous one drew. */
export function navigate(name, params = {}) {
  const view = views[name];
  if (!view) throw new Error(`no view named ${name}`);
  if (typeof cleanup === 'function') cleanup();
  clear(main);
  main.dataset.view = name;
  for (const b of root.querySelectorAll('.nav-link')) {
    if (b.dataset.view === name) b.setAttribute('aria-current', 'page');
    else b.removeAttribute('aria-current');
  }
  cleanup = view.render(main, ctx(params)) || null;
  if (params.focus !== false) main.focus({ preventScroll: true });
}

function ctx(params) {
  return { api, navigate, params, enter, lockNow, failed };
}

/** Switches to the unlocked shell (after unlocking or creating a vault). */
export function enter(view = 'home', params = {}) {
  unlocked = true;
  drawShell();
  navigate(view, params);
}

/** Draws the right locked screen: welcome when there is no vault yet, else the lock. */
async function showLocked(params = {}) {
  unlocked = false;
  drawShell();
  let status = { anyExists: true, vaults: [] };
  try {
    status = await api.vault.status();
  } catch (e) {
    params = { ...params, error: e.message };
  }
  if (unlocked) return;
  navigate(status.anyExists ? 'lock' : 'welcome', { ...params, status });
}

/**
 * Locks at once: the content is removed from the page first, then Rust closes the
 * vault and forgets its key. `hide` also minimises the window (quick hide).
 */
export async function lockNow({ hide = false } = {}) {
  unlocked = false;
  // The page holding content goes first; a save already typed may finish (briefly).
  const pending = drawShell();
  if (hide) api.windowActions.minimize().catch(() => {});
  await Promise.race([pending, new Promise((r) => setTimeout(r, 1500))]).catch(() => {});
  // Always ask Rust: during first run the vault is open before the unlocked shell is.
  await api.vault.lock().catch(() => {});
  await showLocked();
}

/** What views call when a command fails: a locked vault means the lock screen. */
export function failed(error) {
  if (error && error.kind === 'locked') {
    lockNow();
    return true;
  }
  return false;
}

// Keyboard: Ctrl/Cmd+L locks; Esc twice (outside a dialog) hides and locks.
let lastEscape = 0;
document.addEventListener('keydown', (event) => {
  const mod = event.ctrlKey || event.metaKey;
  if (mod && !event.altKey && event.key.toLowerCase() === 'l') {
    event.preventDefault();
    lockNow();
    return;
  }
  if (event.key === 'Escape') {
    if (document.querySelector('dialog[open]')) return;
    const now = performance.now();
    if (now - lastEscape < 600) {
      lastEscape = 0;
      lockNow({ hide: true });
    } else {
      lastEscape = now;
    }
  }
});

// Activity keeps the vault open; Rust owns the idle timer and locks by itself.
let lastPing = 0;
function activity() {
  if (!unlocked) return;
  const now = performance.now();
  if (now - lastPing < 5000) return;
  lastPing = now;
  api.vault.activity().catch(failed);
}
for (const type of ['keydown', 'pointerdown', 'pointermove', 'wheel']) {
  document.addEventListener(type, activity, { passive: true, capture: true });
}
api.onLocked(() => { if (unlocked) lockNow(); });

showLocked();
