// Home: a calm start that depends on who the person is here; every section stays one
// click away in the sidebar whatever the role.

import { el } from '../dom.js';

export const title = 'Home';

const WORDS = {
  betrayed: {
    heading: 'This is your space',
    lead: 'What happened was not your fault, and there is no schedule for feeling better. Anger, sadness, hope and fear can all come in the same day; that is what healing from a betrayal often looks like.',
    reminder: 'Worth asking yourself, whenever you are ready: what do I need right now, and what will I no longer accept?',
  },
  broke_trust: {
    heading: 'Doing the work',
    lead: 'Rebuilding trust is slow, and it is built from what you do more than from what you say. This space is for your own honesty and accountability, so that your partner is not left to carry it.',
    reminder: 'When the same question comes again, it is usually because the answer still needs to be heard. Patience is part of repair.',
  },
  both: {
    heading: 'Welcome back',
    lead: 'Mend is a private place to look after yourself, be honest about what happened, and prepare for the conversations ahead, at your own pace.',
    reminder: 'Healing after a betrayal does not move in a straight line. Setbacks months later are common and do not undo what you have built.',
  },
};

/** Renders the home screen. */
export function render(root, ctx) {
  const section = el('section', { class: 'content', attrs: { 'aria-labelledby': 'home-title' } });
  root.append(section);
  ctx.api.settings.get().then((s) => {
    const w = WORDS[s.role] || WORDS.both;
    section.dataset.role = s.role;
    section.append(
      el('h1', { id: 'home-title', text: w.heading }),
      el('p', { class: 'lead', text: w.lead }),
      el('div', { class: 'card reminder' }, el('p', { text: w.reminder })),
      el('div', { class: 'row' },
        el('button', { class: 'primary', id: 'home-journal', text: 'Write in your journal', on: { click: () => ctx.navigate('journal') } })),
    );
  }).catch((e) => {
    if (!ctx.failed(e)) section.append(el('p', { class: 'error', attrs: { role: 'alert' }, text: e.message }));
  });
}
