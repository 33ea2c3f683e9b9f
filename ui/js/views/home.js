// Home: a calm start that depends on who the person is here. Every section stays one
// click away in the sidebar whatever the role; the role only changes the words and the
// order of the suggestions.

import { append, el } from '../dom.js';
import { today } from '../api.js';

export const title = 'Home';

const WORDS = {
  betrayed: {
    heading: 'This is your space',
    lead: 'What happened was not your fault, and there is no schedule for feeling better. Anger, sadness, hope and fear can all come in the same day; that is what healing from a betrayal often looks like.',
    reminder: 'Worth asking yourself, whenever you are ready: what do I need right now, and what will I no longer accept?',
    start: [['checkin', 'Check in with yourself'], ['needs', 'Needs and boundaries'], ['triggers', 'Log a trigger'], ['journal', 'Write in your journal']],
  },
  broke_trust: {
    heading: 'Doing the work',
    lead: 'Rebuilding trust is slow, and it is built from what you do more than from what you say. This space is for your own honesty and accountability, so that your partner is not left to carry it.',
    reminder: 'When the same question comes again, it is usually because the answer still needs to be heard. Patience is part of repair.',
    start: [['accountability', 'Your accountability plan'], ['questions', 'Questions log'], ['rewoo', 'Re-wooing'], ['checkin', 'Check in with yourself']],
  },
  both: {
    heading: 'Welcome back',
    lead: 'Mend is a private place to look after yourself, be honest about what happened, and prepare for the conversations ahead, at your own pace.',
    reminder: 'Healing after a betrayal does not move in a straight line. Hard days can come back months later; that is common, and it does not undo what you have built.',
    start: [['checkin', 'Check in with yourself'], ['journal', 'Write in your journal'], ['needs', 'Needs and boundaries'], ['recommitment', 'Recommitment']],
  },
};

const KIND_NAMES = { journal: 'Journal', trigger: 'Trigger', checkin: 'Check-in', question: 'Question' };
const KIND_VIEWS = { journal: 'journal', trigger: 'triggers', checkin: 'checkin', question: 'questions' };

/** Renders the home screen. */
export function render(root, ctx) {
  const section = el('section', { class: 'content', attrs: { 'aria-labelledby': 'home-title' } });
  root.append(section);
  ctx.api.home.summary(today()).then((s) => {
    const w = WORDS[s.role] || WORDS.both;
    section.dataset.role = s.role;
    const checkin = s.checkinToday
      ? el('p', { class: 'muted', id: 'home-checkin', text: 'You checked in today. You can check in again whenever something shifts.' })
      : el('p', { id: 'home-checkin', text: 'How are you feeling right now? A check-in takes a minute.' });
    append(section, [
      el('h1', { id: 'home-title', text: w.heading }),
      el('p', { class: 'lead', text: w.lead }),
      el('div', { class: 'card reminder' }, el('p', { text: w.reminder })),
      checkin,
      el('div', { class: 'row start-buttons' }, ...w.start.map(([view, text], i) => el('button', {
        class: i === 0 ? 'primary' : '', dataset: { go: view }, text, on: { click: () => ctx.navigate(view) },
      }))),
      s.recent.length ? null : el('p', { class: 'muted', id: 'home-first-use', text: 'Nothing is written here yet. Each tool in the sidebar says what it is for when you open it, and there is no order to follow.' }),
      s.recent.length ? el('h2', { text: 'Recently' }) : null,
      s.recent.length ? el('ul', { class: 'item-list', id: 'home-recent' }, ...s.recent.map((r) => el('li', {},
        el('button', { class: 'entry-link', on: { click: () => ctx.navigate(KIND_VIEWS[r.kind] || 'home') } },
          el('span', { class: 'entry-title', text: r.title || KIND_NAMES[r.kind] }),
          el('span', { class: 'small muted', text: `${KIND_NAMES[r.kind] || ''} · ${new Date(r.at).toLocaleDateString(undefined, { dateStyle: 'medium' })}` }))))) : null,
    ]);
  }).catch((e) => {
    if (!ctx.failed(e)) section.append(el('p', { class: 'error', attrs: { role: 'alert' }, text: e.message }));
  });
}
