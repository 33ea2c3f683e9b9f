// Re-wooing: small, steady things you plan to do for your partner, and what you did.
// Planned and done are shown side by side, never counted into a score.

import { el, clear } from '../dom.js';
import { busy, confirmDialog, errorBox, field, statusLine } from '../forms.js';
import { emptyState } from './empty.js';

export const title = 'Re-wooing';

const KINDS = [
  ['compliment', 'A genuine compliment'], ['affection', 'Affection'], ['date', 'A date together'],
  ['meal', 'Their favourite meal'], ['their_day', 'Asking about their day'], ['other', 'Something else'],
];
const kindName = Object.fromEntries(KINDS);

/** Renders the planner. */
export function render(root, ctx) {
  const errors = errorBox();
  const status = statusLine('save-status');
  const kind = el('select', { id: 'rewoo-kind' }, ...KINDS.map(([v, t]) => el('option', { value: v, text: t })));
  const plan = el('input', { type: 'text', id: 'rewoo-plan', autocomplete: 'off' });
  const date = el('input', { type: 'date', id: 'rewoo-date' });
  const add = el('button', { class: 'primary', id: 'rewoo-add', text: 'Add to plan' });
  plan.addEventListener('keydown', (e) => { if (e.key === 'Enter' && !e.isComposing) add.click(); });
  const planned = el('ul', { class: 'item-list', id: 'rewoo-planned', attrs: { 'aria-label': 'Planned' } });
  const done = el('ul', { class: 'item-list', id: 'rewoo-done', attrs: { 'aria-label': 'Done' } });

  root.append(el('section', { class: 'content', attrs: { 'aria-labelledby': 'rewoo-title' } },
    el('h1', { id: 'rewoo-title', text: 'Re-wooing' }),
    el('p', { class: 'lead', text: 'Saying sorry is a start; steady, everyday care is what lets trust grow back. Think of something you could do now that you did not do before, chosen for what makes your partner feel valued.' }),
    el('div', { class: 'two-col' }, field('What kind of thing', kind), field('When (optional)', date)),
    field('What you plan to do', plan, 'For example: cook the soup they love on Friday, or ask about the meeting they were nervous about.'),
    errors,
    el('div', { class: 'row' }, add, status),
    el('div', { class: 'two-col' },
      el('div', {}, el('h2', { text: 'Planned' }), planned),
      el('div', {}, el('h2', { text: 'Done' }), done))));

  add.addEventListener('click', () => busy(add, errors, async () => {
    if (!plan.value.trim()) { errors.show('Write what you plan to do.'); plan.focus(); return; }
    await ctx.api.rewoo.save({ id: null, kind: kind.value, plan: plan.value, plannedFor: date.value || null, note: '' });
    plan.value = '';
    date.value = '';
    status.textContent = 'Saved';
    await refresh();
  }, { label: 'Saving…', onError: ctx.failed }));

  function item(r) {
    const box = el('input', { type: 'checkbox', id: `rewoo-${r.id}`, checked: Boolean(r.doneAt) });
    box.addEventListener('change', async () => {
      await ctx.api.rewoo.done(r.id, box.checked).catch((e) => { if (!ctx.failed(e)) errors.show(e.message); });
      refresh();
    });
    const del = el('button', { class: 'link small', text: 'Delete', attrs: { 'aria-label': `Delete ${r.plan}` } });
    del.addEventListener('click', async () => {
      if (!(await confirmDialog('Delete this from the plan?', 'Delete'))) return;
      await ctx.api.rewoo.remove(r.id).catch((e) => { if (!ctx.failed(e)) errors.show(e.message); });
      refresh();
    });
    const whenText = r.doneAt ? `Done ${new Date(r.doneAt).toLocaleDateString()}` : (r.plannedFor ? `For ${new Date(`${r.plannedFor}T12:00:00`).toLocaleDateString()}` : '');
    return el('li', { class: 'item card rewoo-item' },
      el('div', { class: 'field checkbox' }, box, el('label', { htmlFor: box.id, text: r.plan })),
      el('p', { class: 'small muted', text: [kindName[r.kind] || r.kind, whenText].filter(Boolean).join(' · ') }),
      del);
  }

  async function refresh() {
    const items = await ctx.api.rewoo.list();
    clear(planned);
    clear(done);
    const open = items.filter((r) => !r.doneAt);
    const finished = items.filter((r) => r.doneAt);
    if (!items.length) {
      planned.append(el('li', {}, emptyState('rewoo-empty',
        'Plan small things for your partner here, and tick them off once you have done them.',
        'Small things done again and again mean more than one grand gesture, and nothing here is counted or compared.',
        { text: 'Plan something', onClick: () => plan.focus() })));
    } else if (!open.length) planned.append(el('li', { class: 'muted', text: 'Nothing planned right now.' }));
    if (!finished.length) done.append(el('li', { class: 'muted', text: 'Things you tick off appear here.' }));
    planned.append(...open.map(item));
    done.append(...finished.map(item));
  }

  refresh().catch((e) => { if (!ctx.failed(e)) errors.show(e.message); });
}
