// Bootstrap and router. The shell is a top bar (always with Crisis help) and a main
// region that holds exactly one view at a time; changing view tears the old one down.

import { el, clear } from './dom.js';
import * as api from './api.js';
import './theme.js';
import { crisisButton } from './views/crisis.js';
import * as welcome from './views/welcome.js';

/** Every screen, by name. A view module exports `title` and `render(root, ctx)`. */
const views = { welcome };

const root = document.getElementById('app');
const bar = el('header', { class: 'top-bar' },
  el('span', { class: 'brand', text: 'Mend' }),
  el('div', { class: 'row' }, crisisButton()));
const main = el('main', { id: 'main', tabIndex: -1 });
let cleanup = null;

/** Shows the named view, removing everything the previous one drew. */
export function navigate(name, params = {}) {
  const view = views[name];
  if (!view) throw new Error(`no view named ${name}`);
  if (typeof cleanup === 'function') cleanup();
  clear(main);
  main.dataset.view = name;
  cleanup = view.render(main, { api, navigate, params }) || null;
}

clear(root).append(bar, main);
navigate('welcome');
