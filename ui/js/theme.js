// Light and dark themes. The desktop's preference decides unless the person chose one;
// the choice lives on <html data-theme> so every colour in styles.css follows it.
// The choice is remembered outside the vault (so the lock screen follows it too). What
// the desktop prefers comes from Rust where it can be read (the Linux desktop portal),
// else from the webview's `prefers-color-scheme`.

import * as api from './api.js';

const media = window.matchMedia('(prefers-color-scheme: dark)');
let chosen = 'system';
let systemDark = null;

function apply() {
  const followDark = systemDark ?? media.matches;
  const dark = chosen === 'dark' || (chosen === 'system' && followDark);
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
}

function normalise(choice) {
  return ['light', 'dark'].includes(choice) ? choice : 'system';
}

/**
 * Sets 'light', 'dark' or 'system', applies it at once and remembers it; resolves
 * when it is saved (rejects with the usual { kind, message } if it could not be).
 */
export function setTheme(choice) {
  chosen = normalise(choice);
  apply();
  return api.appearance.set(chosen);
}

/** The current choice ('light', 'dark' or 'system'). */
export function theme() {
  return chosen;
}

/** Draws with the choice kept from last time (handed over at start), before the first paint. */
export function initialTheme(choice) {
  chosen = normalise(choice);
  apply();
}

/**
 * Starts following the desktop where Rust can read it (the Linux portal: its answer and
 * each change), and rereads the saved choice. Called once the first screen has painted;
 * until then `prefers-color-scheme` decides, as it does where there is no portal.
 */
export function followDesktop() {
  api.onSystemTheme((dark) => {
    systemDark = typeof dark === 'boolean' ? dark : null;
    apply();
  });
  api.appearance.get().then((saved) => {
    chosen = normalise(saved.theme);
    if (typeof saved.systemDark === 'boolean') systemDark = saved.systemDark;
    apply();
  }).catch(() => {});
}

media.addEventListener('change', apply);
apply();
