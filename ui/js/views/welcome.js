// The first screen on a computer with no vault yet: what Mend is and what it promises.

import { el } from '../dom.js';

export const title = 'Welcome';

/** Renders the welcome screen into `root`. */
export function render(root, ctx) {
  const version = el('p', { class: 'small muted footer-note', id: 'app-version', text: '' });
  ctx.api.app.info()
    .then((info) => { version.textContent = `${info.name} ${info.version}`; })
    .catch(() => { version.textContent = ''; });

  root.append(el('div', { class: 'center-screen' },
    el('section', { class: 'card', attrs: { 'aria-labelledby': 'welcome-title' } },
      el('h1', { id: 'welcome-title', text: 'Mend' }),
      el('p', { text: 'A private place to sort through what happened, take care of yourself, and prepare the conversations ahead, at your own pace.' }),
      el('ul', { class: 'promise-list' },
        el('li', { text: 'Everything you write stays on this computer, locked with a passphrase only you know.' }),
        el('li', { text: 'Mend never connects to the internet.' }),
        el('li', { text: 'Pressing Esc twice hides and locks it at once.' })),
      el('div', { class: 'row' },
        el('button', { class: 'primary', id: 'begin', text: 'Begin', on: { click: () => ctx.navigate('firstrun') } })),
      ctx.params.error && el('p', { class: 'error', attrs: { role: 'alert' }, text: ctx.params.error }),
    ),
    version,
  ));
}
