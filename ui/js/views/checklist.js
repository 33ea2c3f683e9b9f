// The readiness checklist: the signs that talking to a therapist could help, each for
// the past two weeks, and whether it is getting worse. The result names what is there
// and what therapy can help with; it is never a diagnosis or a score.

import { el, clear } from '../dom.js';
import { busy, errorBox, statusLine } from '../forms.js';

export const title = 'Readiness checklist';

const WORSE = [['', 'Not sure'], ['yes', 'Yes'], ['no', 'No']];

/** Renders the checklist. */
export function render(root, ctx) {
  const errors = errorBox();
  const status = statusLine('save-status');
  const result = el('div', { class: 'card result', id: 'checklist-result', attrs: { 'aria-live': 'polite' } });
  const form = el('div', { class: 'question-list' });
  const save = el('button', { class: 'primary', id: 'checklist-save', text: 'Keep in my history' });
  let spec = null;

  root.append(el('section', { class: 'content', attrs: { 'aria-labelledby': 'checklist-title' } },
    el('h1', { id: 'checklist-title', text: 'Is it time to talk to someone?' }),
    el('p', { class: 'lead', text: 'Many people heal without a therapist, and seeing one is never a wasted step. These are signs that talking to a professional could help now. Think about the last two weeks.' }),
    form, result, errors, el('div', { class: 'row' }, save, status)));

  function answers() {
    const out = {};
    for (const sign of spec.checklist.signs) {
      const often = form.querySelector(`input[name="often-${sign.id}"]:checked`);
      const worse = form.querySelector(`select[data-worse="${sign.id}"]`).value;
      out[sign.id] = { often: often ? Number(often.value) : null, gettingWorse: worse === '' ? null : worse === 'yes' };
    }
    return out;
  }

  async function evaluate() {
    const e = await ctx.api.readiness.evaluate('checklist', answers()).catch((err) => { if (!ctx.failed(err)) errors.show(err.message); });
    if (!e) return;
    const c = e.checklist;
    clear(result).append(
      el('h2', { text: c.answered ? 'What your answers show' : 'Before you start' }),
      c.present.length
        ? el('ul', { id: 'checklist-present' }, ...c.present.map((p) => el('li', { text: p.label })))
        : '',
      el('p', { text: c.summary }),
      c.answered ? '' : el('p', { class: 'muted', id: 'checklist-first-use', text: 'Your answers are only kept if you choose “Keep in my history”, so you can look back later or bring them to a session.' }),
      el('h3', { text: 'How a therapist can help' }),
      el('ul', { class: 'therapist-help' }, ...[].concat(c.therapistCanHelp).map((t) => el('li', { text: t }))),
      el('p', { class: 'small muted', text: c.note }));
  }

  save.addEventListener('click', () => busy(save, errors, async () => {
    await ctx.api.readiness.save('checklist', answers());
    status.textContent = 'Saved';
  }, { label: 'Saving…', onError: ctx.failed }));

  ctx.api.readiness.spec().then((s) => {
    spec = s;
    for (const sign of s.checklist.signs) {
      const name = `often-${sign.id}`;
      const group = el('fieldset', { class: 'question' },
        el('legend', { text: sign.label }),
        sign.hint && el('p', { class: 'hint', text: sign.hint }),
        el('div', { class: 'options' }, ...s.frequencies.map((f, i) => el('label', { class: 'option' },
          el('input', { type: 'radio', name, value: String(i), id: `${name}-${i}`, on: { change: evaluate } }), f))),
        el('div', { class: 'row worse' },
          el('label', { htmlFor: `worse-${sign.id}`, text: 'Getting worse?' }),
          el('select', { id: `worse-${sign.id}`, dataset: { worse: sign.id }, on: { change: evaluate } },
            ...WORSE.map(([v, t]) => el('option', { value: v, text: t })))));
      form.append(group);
    }
    evaluate();
  }).catch((e) => { if (!ctx.failed(e)) errors.show(e.message); });
}
