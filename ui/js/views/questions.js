// The questions log, for the partner who broke trust: each question your partner asked,
// the answer you gave, and when. It shows when a question came before, so answers stay
// consistent and patience stays visible. Repeated questions are part of healing.

import { el, clear } from '../dom.js';
import { busy, confirmDialog, errorBox, field, statusLine } from '../forms.js';
import { emptyState } from './empty.js';

export const title = 'Questions log';

function day(iso) {
  return new Date(iso).toLocaleDateString(undefined, { dateStyle: 'medium' });
}

/** Renders the questions log. */
export function render(root, ctx) {
  const errors = errorBox();
  const status = statusLine('save-status');
  let editing = null;
  let timer = null;
  const question = el('textarea', { id: 'question-text', rows: 2 });
  const answer = el('textarea', { id: 'question-answer', rows: 3 });
  const note = el('textarea', { id: 'question-note', rows: 2 });
  const before = el('div', { id: 'asked-before', class: 'notice', hidden: true, attrs: { 'aria-live': 'polite' } });
  const save = el('button', { class: 'primary', id: 'question-save', text: 'Save' });
  const list = el('ul', { class: 'item-list', id: 'question-list', attrs: { 'aria-label': 'Questions' } });

  root.append(el('section', { class: 'content', attrs: { 'aria-labelledby': 'questions-title' } },
    el('h1', { id: 'questions-title', text: 'Questions log' }),
    el('p', { class: 'lead', text: 'The same question may come back many times; hearing the answer again is often how it finally sinks in. Keeping a record helps you answer honestly, and the same way each time.' }),
    field('The question', question),
    before,
    field('The answer I gave', answer),
    field('Anything to remember (optional)', note),
    errors,
    el('div', { class: 'row' }, save, status),
    el('h2', { text: 'Asked so far' }),
    list));

  question.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const text = question.value.trim();
      const similar = text.length < 8 ? [] : await ctx.api.questions.similar(text).catch(() => []);
      const earlier = similar.filter((s) => s.id !== editing);
      before.hidden = earlier.length === 0;
      if (earlier.length) {
        clear(before).append(
          el('p', { text: 'This has come up before. That is normal; it may still need answering.' }),
          ...earlier.map((s) => el('div', { class: 'small' },
            el('strong', { text: `${day(s.askedAt)}: ` }), s.question,
            s.answer && el('div', { class: 'pre muted', text: `Your answer then: ${s.answer}` }))));
      }
    }, 300);
  });

  save.addEventListener('click', () => busy(save, errors, async () => {
    if (!question.value.trim()) { errors.show('Write the question first.'); question.focus(); return; }
    await ctx.api.questions.save({ id: editing, question: question.value, answer: answer.value, note: note.value });
    editing = null;
    question.value = answer.value = note.value = '';
    before.hidden = true;
    save.textContent = 'Save';
    status.textContent = 'Saved';
    await refresh();
  }, { label: 'Saving…', onError: ctx.failed }));

  async function refresh() {
    const items = await ctx.api.questions.list();
    clear(list);
    if (!items.length) {
      list.append(el('li', {}, emptyState('questions-empty',
        'When your partner asks about what happened, note the question and the answer you gave.',
        'Feeling weary of a question you have answered before is understandable; staying open, not defensive, when it comes again is part of repair.',
        { text: 'Log a question', onClick: () => question.focus() })));
    }
    for (const q of items) {
      const del = el('button', { class: 'link small', text: 'Delete', attrs: { 'aria-label': `Delete the question from ${day(q.askedAt)}` } });
      del.addEventListener('click', async () => {
        if (!(await confirmDialog('Delete this question and its answer?', 'Delete'))) return;
        await ctx.api.questions.remove(q.id).catch((e) => { if (!ctx.failed(e)) errors.show(e.message); });
        refresh();
      });
      const change = el('button', { class: 'link small', text: 'Change', attrs: { 'aria-label': `Change the question from ${day(q.askedAt)}` }, on: { click: () => {
        editing = q.id; question.value = q.question; answer.value = q.answer; note.value = q.note;
        save.textContent = 'Save changes'; question.focus();
      } } });
      list.append(el('li', { class: 'item card' },
        el('div', { class: 'row spread' }, el('strong', { text: day(q.askedAt) }), el('div', { class: 'row' }, change, del)),
        el('p', { class: 'pre', text: q.question }),
        q.answer && el('p', { class: 'pre small', text: q.answer }),
        q.askedBefore?.length ? el('p', { class: 'small muted asked-count', text: `Asked before on ${q.askedBefore.map((b) => day(b.askedAt)).join(', ')}.` }) : null));
    }
  }

  refresh().catch((e) => { if (!ctx.failed(e)) errors.show(e.message); });
  return () => clearTimeout(timer);
}
