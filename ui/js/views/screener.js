// GAD-7 and PHQ-9, reproduced as published, answered item by item. A partial set says it
// is incomplete instead of adding up. Any answer above "Not at all" on the PHQ-9's last
// item brings up crisis lines at once, before any total.

import { el, clear } from '../dom.js';
import { busy, errorBox, statusLine } from '../forms.js';
import { crisisPanel, openCrisis } from './crisis.js';

export const title = 'Questionnaire';

/** Renders the questionnaire named by `ctx.params.kind` ("gad7" or "phq9"). */
export function render(root, ctx) {
  const kind = ctx.params.kind;
  const errors = errorBox();
  const status = statusLine('save-status');
  const urgent = el('div', { class: 'urgent', id: 'urgent-help', hidden: true, attrs: { role: 'alert' } });
  const result = el('div', { class: 'card result', id: 'screener-result', attrs: { 'aria-live': 'polite' } });
  const items = el('ol', { class: 'question-list items' });
  const difficulty = el('div', { class: 'question-list' });
  const save = el('button', { class: 'primary', id: 'screener-save', text: 'Keep in my history' });
  const heading = el('h1', { id: 'screener-title' });
  const stem = el('p', { class: 'lead' });
  const attribution = el('p', { class: 'small muted', id: 'screener-attribution' });
  let instrument = null;

  root.append(el('section', { class: 'content', attrs: { 'aria-labelledby': 'screener-title' } },
    heading,
    el('p', { class: 'muted', text: 'Doctors and therapists use this short questionnaire too. It is optional, it is not a test you can fail, and your answers stay in your vault.' }),
    stem, urgent, items, difficulty, result, errors, el('div', { class: 'row' }, save, status), attribution));

  function answers() {
    const picked = (name) => {
      const input = root.querySelector(`input[name="${name}"]:checked`);
      return input ? Number(input.value) : null;
    };
    return {
      items: instrument.items.map((_, i) => picked(`item-${i}`)),
      difficulty: picked('difficulty'),
    };
  }

  async function evaluate() {
    const e = await ctx.api.readiness.evaluate(kind, answers()).catch((err) => { if (!ctx.failed(err)) errors.show(err.message); });
    if (!e) return;
    // Crisis lines first, before any total, whenever the last PHQ-9 item is above 0.
    urgent.hidden = !e.item9Flag;
    if (e.item9Flag) {
      clear(urgent).append(
        el('h2', { text: 'You do not have to carry this alone' }),
        el('p', { text: 'You said thoughts of being better off dead or of hurting yourself have come up. Please reach out to someone now; these lines are free and confidential.' }),
        crisisPanel(),
        el('button', { class: 'primary', text: 'Open crisis help', on: { click: openCrisis } }));
    }
    clear(result);
    if (!e.complete && e.answered === 0) {
      result.append(el('p', { id: 'screener-outcome', text: 'Answer each question for the last two weeks. A total appears once all of them are answered, and nothing is kept unless you choose “Keep in my history”.' }));
    } else if (!e.complete) {
      result.append(el('p', { id: 'screener-outcome', text: `${e.answered} of ${e.of} answered. A total appears once every question has an answer; a partial total would not mean anything.` }));
    } else {
      result.append(
        el('h2', { id: 'screener-outcome', text: `Total ${e.total} of ${instrument.items.length * 3}, in the range the questionnaire calls “${e.bandLabel}”` }),
        el('p', { text: e.meaning }),
        el('p', { class: 'small muted', text: instrument.note }));
    }
  }

  function radios(name, options, label) {
    return el('div', { class: 'options', attrs: { role: 'radiogroup', 'aria-label': label } },
      ...options.map((o, i) => el('label', { class: 'option' },
        el('input', { type: 'radio', name, value: String(i), on: { change: evaluate } }), o)));
  }

  save.addEventListener('click', () => busy(save, errors, async () => {
    await ctx.api.readiness.save(kind, answers());
    status.textContent = 'Saved';
  }, { label: 'Saving…', onError: ctx.failed }));

  ctx.api.readiness.spec().then((s) => {
    instrument = s[kind];
    heading.textContent = instrument.title;
    stem.textContent = instrument.stem;
    attribution.textContent = instrument.attribution;
    instrument.items.forEach((text, i) => {
      items.append(el('li', { class: 'question' },
        el('p', { class: 'item-text', id: `item-${i}-text`, text }),
        radios(`item-${i}`, instrument.options, text)));
    });
    difficulty.append(el('fieldset', { class: 'question' },
      el('legend', { text: instrument.difficultyQuestion }),
      radios('difficulty', instrument.difficultyOptions, instrument.difficultyQuestion)));
    evaluate();
  }).catch((e) => { if (!ctx.failed(e)) errors.show(e.message); });
}
