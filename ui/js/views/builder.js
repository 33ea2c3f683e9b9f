// The guided apology builder: one step at a time, from naming what you did to what you
// will do differently, with asking for forgiveness left optional and without pressure.
// The steps are put together into a draft that you then rewrite in your own voice.

import { el } from '../dom.js';
import { errorBox, field } from '../forms.js';

export const title = 'Guided builder';

/** The steps, in order, with what each one asks. */
export const STEPS = [
  { key: 'behavior', label: 'What did you do?', hint: 'Name it plainly and completely, in the first person. No softening words like “just” or “only”.' },
  { key: 'impact', label: 'How did it affect your partner?', hint: 'What it made them question about themselves and about you both; what it damaged.' },
  { key: 'responsibility', label: 'Take responsibility', hint: 'It was your choice. Say so, without “but”, without reasons that sound like excuses.' },
  { key: 'remorse', label: 'Say you are sorry, and what for', hint: 'For the pain itself, not for how they feel about it.' },
  { key: 'repair', label: 'What will you do differently?', hint: 'Concrete things: your own accountability systems, honesty, patience with their questions, no timeline for their healing.' },
  { key: 'forgiveness', label: 'Asking for forgiveness (optional)', hint: 'If you include it, ask without pressure: forgiveness is theirs to give, whenever and whether they choose. Research suggests it matters least; leaving it out is fine.' },
];

/** Renders the builder. */
export function render(root, ctx) {
  const errors = errorBox();
  const inputs = {};
  root.append(el('section', { class: 'content', attrs: { 'aria-labelledby': 'builder-title' } },
    el('h1', { id: 'builder-title', text: 'Build an apology, step by step' }),
    el('p', { class: 'lead', text: 'An apology lands when it names exactly what you did and shows you understand what it did to your partner. It opens a longer conversation; it does not close one.' }),
    el('div', { class: 'card reminder' },
      el('p', { class: 'small muted', text: 'One shape it can take:' }),
      el('p', { text: '“I [what I did, named plainly]. I know it has left you doubting yourself and everything we had. It broke the closeness between us, and I am so sorry for the pain I put you through.”' })),
    ...STEPS.map((s) => {
      const area = el('textarea', { id: `step-${s.key}`, rows: 3 });
      inputs[s.key] = area;
      return field(s.label, area, s.hint);
    }),
    errors,
    el('div', { class: 'row' },
      el('button', { class: 'primary', id: 'builder-assemble', text: 'Put it together as a draft', on: { click: assemble } }),
      el('button', { text: 'Back to drafts', on: { click: () => ctx.navigate('apology') } }))));

  function assemble() {
    const steps = Object.fromEntries(STEPS.map((s) => [s.key, inputs[s.key].value]));
    const body = STEPS.map((s) => steps[s.key].trim()).filter(Boolean).join('\n\n');
    if (!body) { errors.show('Write at least one step first.'); inputs.behavior.focus(); return; }
    ctx.navigate('apology', { create: { title: 'From the builder', body, steps } });
  }
}
