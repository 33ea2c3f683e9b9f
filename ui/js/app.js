// Bootstrap, shell and router. Two shells: locked (top bar with Crisis help, one screen)
// and unlocked (top bar with Lock, a sidebar, one view). Changing view tears the old one
// down; locking tears down the whole unlocked shell before the lock screen is drawn.

import { el, clear } from './dom.js';
import * as api from './api.js';
import { followDesktop, initialTheme } from './theme.js';
import { crisisButton } from './views/crisis.js';
import { MAC, openShortcuts, shortcutsButton } from './views/shortcuts.js';
import * as welcome from './views/welcome.js';
import * as lock from './views/lock.js';

/**
 * Every screen, by name: a view module (exporting `render(root, ctx)`) and fixed params.
 * The two first screens come with this module; the others are in routes.js, loaded
 * once the first screen has painted (`loadRest`).
 */
const ROUTES = { welcome: { view: welcome }, lock: { view: lock } };
let rest = null;
let restLoaded = false;

/** Loads the other screens (once); resolves with routes.js when they can be shown. */
function loadRest() {
  rest ??= import('./routes.js').then((more) => {
    Object.assign(ROUTES, more.ROUTES);
    restLoaded = true;
    return more;
  });
  return rest;
}

/** The sidebar groups, in reading order. Both groups are there for everyone. */
const SELF_CARE = {
  label: 'Looking after yourself',
  items: [['checkin', 'Check-in'], ['waves', 'Waves'], ['triggers', 'Triggers'], ['needs', 'Needs & boundaries'], ['journal', 'Journal'], ['recommitment', 'Recommitment']],
};
const REPAIR = {
  label: 'If you broke trust',
  items: [['accountability', 'Accountability plan'], ['honesty', 'Honesty'], ['apology', 'Apology'], ['questions', 'Questions log'], ['rewoo', 'Re-wooing']],
};
const THERAPY = {
  label: 'Therapy',
  items: [['checklist', 'Readiness checklist'], ['gad7', 'GAD-7 (anxiety)'], ['phq9', 'PHQ-9 (mood)'], ['history', 'History'], ['prep', 'Session prep']],
};
let role = 'both';

function navGroups() {
  const groups = role === 'broke_trust' ? [REPAIR, SELF_CARE] : [SELF_CARE, REPAIR];
  return [{ label: null, items: [['home', 'Home']] }, ...groups, THERAPY, { label: null, items: [['settings', 'Settings']] }];
}

const root = document.getElementById('app');
let main = null;
let unlocked = false;
let cleanup = null;

function topBar() {
  const search = unlocked && el('input', {
    type: 'search', id: 'top-search', autocomplete: 'off', spellcheck: false,
    attrs: { 'aria-label': 'Search your journal', placeholder: 'Search journal', 'aria-keyshortcuts': MAC ? 'Meta+K' : 'Control+K' },
    on: { keydown: (e) => { if (e.key === 'Enter' && e.target.value.trim()) navigate('journal', { query: e.target.value.trim() }); } },
  });
  return el('header', { class: 'top-bar' },
    el('span', { class: 'brand', text: 'Mend' }),
    el('div', { class: 'row' }, search,
      unlocked && el('button', {
        id: 'lock-button', text: 'Lock', title: `Lock (${MAC ? 'Cmd' : 'Ctrl'}+L)`,
        attrs: { 'aria-keyshortcuts': MAC ? 'Meta+L' : 'Control+L' },
        on: { click: () => lockNow() },
      }),
      shortcutsButton(unlocked),
      crisisButton()));
}

function buildNav() {
  return el('nav', { class: 'sidebar', attrs: { 'aria-label': 'Sections' } },
    ...navGroups().map((group, i) => el('div', { class: 'nav-group' },
      group.label && el('h2', { class: 'nav-heading', id: `nav-group-${i}`, text: group.label }),
      el('ul', { attrs: group.label ? { 'aria-labelledby': `nav-group-${i}` } : {} },
        ...group.items.map(([view, label]) => el('li', {},
          el('button', {
            class: 'nav-link', dataset: { view }, text: label,
            attrs: view === main?.dataset.view ? { 'aria-current': 'page' } : {},
            on: { click: () => navigate(view) },
          })))))));
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
  const bar = topBar();
  barSize.disconnect();
  barSize.observe(bar);
  if (!unlocked) {
    clear(root).append(bar, main);
    return pending;
  }
  const nav = buildNav();
  clear(root).append(bar, el('div', { class: 'layout' }, nav, main));
  return pending;
}

// The top bar stays in view; with large text it wraps onto more lines. Its real height
// goes into --top-bar-h so the sidebar, the sticky panels and scrolling to a focused
// control all keep clear of it.
const barSize = new ResizeObserver(([entry]) => {
  const height = Math.ceil(entry.target.getBoundingClientRect().height);
  if (height) document.documentElement.style.setProperty('--top-bar-h', `${height}px`);
});

let navigations = 0;

/** Shows the named view, removing everything the previous one drew. */
export function navigate(name, params = {}) {
  const asked = ++navigations;
  const route = ROUTES[name];
  if (!route && !restLoaded) {
    // Only in the moment after start: show it as soon as its module is there, unless
    // another screen was asked for meanwhile.
    loadRest().then(() => { if (asked === navigations) navigate(name, params); });
    return;
  }
  if (!route) throw new Error(`no view named ${name}`);
  if (typeof cleanup === 'function') cleanup();
  headingWatch?.disconnect();
  clear(main);
  main.dataset.view = name;
  for (const b of root.querySelectorAll('.nav-link')) {
    if (b.dataset.view === name) b.setAttribute('aria-current', 'page');
    else b.removeAttribute('aria-current');
  }
  cleanup = route.view.render(main, ctx({ ...params, ...route.params })) || null;
  if (params.focus !== false) focusStart();
}

let headingWatch = null;

/** The view's main heading, once it has text. */
function mainHeading() {
  const h = main.querySelector('h1');
  return h && h.textContent.trim() ? h : null;
}

/**
 * After navigating, focus goes to the new screen's heading, so a screen reader reads
 * where you are and Tab continues from the top of the screen. A view that focused a field
 * itself (the passphrase, a new entry) keeps it. Views that draw after their data
 * arrives get the heading focused when it appears, unless focus has moved on meanwhile.
 */
function focusStart() {
  const active = document.activeElement;
  if (active && active !== main && main.contains(active)) return;
  const toHeading = (h) => {
    h.tabIndex = -1;
    h.focus({ preventScroll: true });
  };
  const heading = mainHeading();
  if (heading) { toHeading(heading); return; }
  main.focus({ preventScroll: true });
  const watched = main;
  headingWatch = new MutationObserver(() => {
    const h = mainHeading();
    if (!h) return;
    headingWatch.disconnect();
    headingWatch = null;
    const now = document.activeElement;
    if (main === watched && (now === main || now === document.body || !now)) toHeading(h);
  });
  headingWatch.observe(main, { childList: true, subtree: true, characterData: true });
}

function ctx(params) {
  return { api, navigate, params, enter, lockNow, failed, roleChanged };
}

/** Switches to the unlocked shell (after unlocking or creating a vault). */
export async function enter(view = 'home', params = {}) {
  const [settings, more] = await Promise.all([
    api.settings.get().catch(() => ({ role: 'both' })), loadRest(),
  ]);
  watchOpenVault(more);
  role = settings.role;
  unlocked = true;
  drawShell();
  navigate(view, params);
}

/** Redraws the sidebar after the role changed in Settings. */
export function roleChanged(newRole) {
  role = newRole;
  const old = root.querySelector('.sidebar');
  if (unlocked && old) old.replaceWith(buildNav());
}

let watching = false;

/**
 * What only matters while a vault is open, set up the first time one is: Rust locking it
 * by itself (idle), and the background check finding damage.
 */
function watchOpenVault(more) {
  if (watching) return;
  watching = true;
  api.onLocked(() => { if (unlocked) lockNow(); });
  more.watchDamage(root, () => unlocked, navigate);
}

/**
 * Draws the right locked screen: welcome when there is no vault yet, else the lock.
 * `known` is a vault status already in hand (at start, from Rust before any script ran);
 * without it Rust is asked.
 */
async function showLocked(params = {}, known = null) {
  unlocked = false;
  drawShell();
  let status = known || { anyExists: true, vaults: [] };
  if (!known) {
    try {
      status = await api.vault.status();
    } catch (e) {
      params = { ...params, error: e.message };
    }
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

// Keyboard shortcuts (listed for people in views/shortcuts.js): Ctrl/Cmd+L locks, Esc
// twice outside a dialog hides and locks, Ctrl/Cmd+/ shows the list, and inside an open
// vault Ctrl/Cmd+N starts a journal entry, Ctrl/Cmd+K or F goes to search, Ctrl/Cmd+P
// prints what the screen offers to print. Esc that closes a dialog never counts
// towards the double Esc.
let lastEscape = 0;

/** The print button of the screen showing, if it has one that can be pressed now. */
function printButton() {
  return [...(main?.querySelectorAll('button') || [])]
    .find((b) => /^Print/.test(b.textContent.trim()) && !b.disabled && b.getClientRects().length > 0);
}

function newJournalEntry() {
  if (main?.dataset.view !== 'journal') navigate('journal', { focus: false });
  main.querySelector('#entry-new')?.click();
}

const SHORTCUTS = {
  '/': () => openShortcuts(unlocked),
  '?': () => openShortcuts(unlocked),
  l: () => { if (unlocked || main?.dataset.view === 'firstrun') lockNow(); },
  n: () => { if (unlocked) newJournalEntry(); },
  k: () => { if (unlocked) root.querySelector('#top-search')?.select(); },
  f: () => { if (unlocked) root.querySelector('#top-search')?.select(); },
  p: () => printButton()?.click(),
};

document.addEventListener('keydown', (event) => {
  const mod = MAC ? event.metaKey && !event.ctrlKey : event.ctrlKey && !event.metaKey;
  if (mod && !event.altKey) {
    const action = SHORTCUTS[event.key.toLowerCase()];
    if (!action) return;
    event.preventDefault();
    if (document.querySelector('dialog[open]') && !['/', '?', 'l'].includes(event.key.toLowerCase())) return;
    action();
    return;
  }
  if (event.key === 'Escape') {
    if (document.querySelector('dialog[open]')) { lastEscape = 0; return; }
    const now = performance.now();
    if (now - lastEscape < 600) {
      lastEscape = 0;
      lockNow({ hide: true });
    } else {
      lastEscape = now;
    }
    return;
  }
  arrowsInGroup(event);
});

/**
 * Arrow keys move between the buttons of a segmented control (such as the period on
 * Waves) and between the sections in the sidebar; Space or Enter then presses the one
 * with focus, as for any button. Tab still goes through each of them in turn.
 */
function arrowsInGroup(event) {
  const keys = { ArrowLeft: -1, ArrowUp: -1, ArrowRight: 1, ArrowDown: 1, Home: -Infinity, End: Infinity };
  if (!(event.key in keys) || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
  const group = event.target.closest?.('.segmented, .sidebar');
  if (!group || event.target.tagName !== 'BUTTON') return;
  // In the sidebar only Up and Down (and Home, End) move; Left and Right do nothing there.
  if (group.matches('.sidebar') && ['ArrowLeft', 'ArrowRight'].includes(event.key)) return;
  const buttons = [...group.querySelectorAll('button:not(:disabled)')];
  const at = buttons.indexOf(event.target);
  const step = keys[event.key];
  const next = Number.isFinite(step) ? buttons[(at + step + buttons.length) % buttons.length]
    : buttons[step < 0 ? 0 : buttons.length - 1];
  if (!next) return;
  event.preventDefault();
  next.focus();
}

// When the control that had focus disappears (a deleted item, a list redrawn, an editor
// hidden), focus would fall to the page itself and a keyboard user would start again from
// the top; it goes to the screen's heading instead.
let lastFocused = null;
document.addEventListener('focusin', (event) => { lastFocused = event.target; });
new MutationObserver(() => {
  if (!lastFocused || (lastFocused.isConnected && lastFocused.getClientRects().length > 0)) return;
  const active = document.activeElement;
  if (active && active !== document.body) return;
  const heading = main && mainHeading();
  lastFocused = null;
  if (heading) {
    heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
  }
}).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['hidden'] });

// Keyboard focus never hides under the sticky top bar: moving back up with Shift+Tab
// would otherwise scroll a control just behind it. (Only for keyboard focus, so that a
// click never has its target moved away between press and release.)
let tabbing = false;
// (WebKitGTK reports Shift+Tab's key as "Unidentified"; its code is still "Tab".)
document.addEventListener('keydown', (event) => { if (event.key === 'Tab' || event.code === 'Tab') tabbing = true; }, true);
document.addEventListener('pointerdown', () => { tabbing = false; }, true);
document.addEventListener('focusin', (event) => {
  // WebKit does not always scroll the sticky sidebar to a link that gets focus.
  if (event.target.closest('.sidebar')) { event.target.scrollIntoView({ block: 'nearest' }); return; }
  const bar = root.querySelector('.top-bar');
  if (!tabbing || !bar || bar.contains(event.target) || event.target.closest('dialog')) return;
  const covered = bar.getBoundingClientRect().bottom - event.target.getBoundingClientRect().top;
  if (covered > 0) window.scrollBy(0, -(covered + 8));
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
// Start: the theme and the vaults Rust handed over draw the first screen at once, with no
// IPC round trip and only the modules it needs. Once it has painted (two frames; a timer
// in case the window is not being drawn), the desktop's theme is followed and the other
// screens load.
const boot = api.takeBoot();
initialTheme(boot?.theme);
showLocked({}, boot?.status);
let started = false;
function afterFirstPaint() {
  if (started) return;
  started = true;
  followDesktop();
  loadRest();
}
requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(afterFirstPaint, 0)));
setTimeout(afterFirstPaint, 1000);
