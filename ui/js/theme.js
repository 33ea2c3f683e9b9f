// Light and dark themes. The system preference decides unless the person chose one;
// the choice lives on <html data-theme> so every colour in styles.css follows it.

const media = window.matchMedia('(prefers-color-scheme: dark)');
let chosen = 'system';

function apply() {
  const dark = chosen === 'dark' || (chosen === 'system' && media.matches);
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
}

/** Sets 'light', 'dark' or 'system' and applies it at once. */
export function setTheme(choice) {
  chosen = ['light', 'dark'].includes(choice) ? choice : 'system';
  apply();
}

/** The current choice ('light', 'dark' or 'system'). */
export function theme() {
  return chosen;
}

media.addEventListener('change', apply);
apply();
