// Emotion check-in: how strong each feeling is right now (0–10, or not noted), sleep
// and appetite, and a note. Recent check-ins below can be opened, changed or deleted.

import { el, clear } from '../dom.js';
import { busy, confirmDialog, errorBox, field, statusLine } from '../forms.js';
import { emptyState } from './empty.js';

export const title = 'Check-in';

/** The feelings offered, in order. */
export const EMOTIONS = [
  { key: 'anger', label: 'Anger' },
  { key: 'sadness', label: 'Sadness' },
  { key: 'hope', label: 'Hope' },
  { key: 'fear', label: 'Fear' },
  { key: 'numbness', label: 'Numbness' },
  { key: 'relief', label: 'Relief' },
  { key: 'loneliness', label: 'Loneliness' },
];

const SLEEP = [['', 'Not noted'], ['poor', 'Badly'], ['some', 'Somewhat'], ['well', 'Well']];
const APPETITE = [['', 'Not noted'], ['less', 'Less than usual'], ['usual', 'As usual'], ['more', 'More than usual']];

function when(iso) {
  const d = new Date(iso);
  return d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** Renders the check-in screen. */
export function render(root, ctx) {
  const errors = errorBox();
  const status = statusLine('save-status');
  let editing = null; // id of the check-in being changed, or null for a new one
  const sliders = {};

  const scales = el('fieldset', { class: 'scales' }, el('legend', { text: 'How strong is each feeling right now?' }),
    ...EMOTIONS.map(({ key, label }) => {
      const range = el('input', { type: 'range', id: `emotion-${key}`, min: 0, max: 10, step: 1, value: 0,
        attrs: { 'aria-valuetext': 'not noted' } });
      const out = el('output', { htmlFor: range.id, id: `emotion-${key}-value`, text: '–' });
      const reset = el('button', { type: 'button', class: 'link small', text: 'Clear', attrs: { 'aria-label': `Clear ${label}` } });
      range.dataset.noted = 'false';
      const show = () => {
        const noted = range.dataset.noted === 'true';
        out.textContent = noted ? range.value : '–';
        range.setAttribute('aria-valuetext', noted ? `${range.value} of 10` : 'not noted');
        range.classList.toggle('unset', !noted);
      };
      range.addEventListener('input', () => { range.dataset.noted = 'true'; show(); });
      reset.addEventListener('click', () => { range.dataset.noted = 'false'; range.value = 0; show(); });
      sliders[key] = { range, show };
      show();
      return el('div', { class: 'scale' }, el('label', { htmlFor: range.id, text: label }), range, out, reset);
    }));
  const sleep = el('select', { id: 'checkin-sleep' }, ...SLEEP.map(([v, t]) => el('option', { value: v, text: t })));
  const appetite = el('select', { id: 'checkin-appetite' }, ...APPETITE.map(([v, t]) => el('option', { value: v, text: t })));
  const note = el('textarea', { id: 'checkin-note', rows: 3 });
  const save = el('button', { class: 'primary', id: 'checkin-save', text: 'Save check-in' });
  const cancel = el('button', { id: 'checkin-cancel', text: 'Start a new one', hidden: true });
  const list = el('ul', { class: 'item-list', id: 'checkin-list', attrs: { 'aria-label': 'Recent check-ins' } });

  root.append(el('section', { class: 'content', attrs: { 'aria-labelledby': 'checkin-title' } },
    el('h1', { id: 'checkin-title', text: 'How are you right now?' }),
    el('p', { class: 'lead', text: 'Feelings after a betrayal come and go in waves: anger, sadness, hope and fear can all show up in one day. Noting them is not a test; there are no right numbers.' }),
    scales,
    el('div', { class: 'two-col' }, field('Sleep last night', sleep), field('Appetite today', appetite)),
    field('Anything you want to remember about today? (optional)', note),
    errors,
    el('div', { class: 'row' }, save, cancel, status),
    el('h2', { text: 'Recent check-ins' }),
    list));

  function values() {
    const emotions = {};
    for (const { key } of EMOTIONS) {
      const { range } = sliders[key];
      emotions[key] = range.dataset.noted === 'true' ? Number(range.value) : null;
    }
    return { id: editing, emotions, sleep: sleep.value || null, appetite: appetite.value || null, note: note.value };
  }

  function fill(c) {
    editing = c ? c.id : null;
    for (const { key } of EMOTIONS) {
      const v = c ? c.emotions[key] : null;
      sliders[key].range.dataset.noted = v === null || v === undefined ? 'false' : 'true';
      sliders[key].range.value = v ?? 0;
      sliders[key].show();
    }
    sleep.value = c?.sleep || '';
    appetite.value = c?.appetite || '';
    note.value = c?.note || '';
    save.textContent = c ? 'Save changes' : 'Save check-in';
    cancel.hidden = !c;
    status.textContent = '';
  }

  save.addEventListener('click', () => busy(save, errors, async () => {
    const v = values();
    if (Object.values(v.emotions).every((x) => x === null) && !v.sleep && !v.appetite && !v.note.trim()) {
      errors.show('Move at least one slider, or write a note, before saving.');
      return;
    }
    await ctx.api.checkins.save(v);
    fill(null);
    status.textContent = 'Saved';
    await refresh();
  }, { label: 'Saving…', onError: ctx.failed }));
  cancel.addEventListener('click', () => fill(null));

  async function refresh() {
    const since = new Date(Date.now() - 14 * 864e5).toISOString();
    const items = await ctx.api.checkins.list({ from: since });
    clear(list);
    if (!items.length) {
      list.append(el('li', {}, emptyState('checkin-empty',
        'Check-ins from the last two weeks are listed here, and longer stretches are drawn in Waves.',
        'Feelings after a betrayal rise and fall; noting them now and then lets you, and a therapist if you see one, look at them without judging them.',
        { text: 'Start a check-in', onClick: () => sliders.anger.range.focus() })));
    }
    for (const c of items) {
      const noted = EMOTIONS.filter(({ key }) => c.emotions[key] !== null && c.emotions[key] !== undefined)
        .map(({ key, label }) => `${label} ${c.emotions[key]}`).join(' · ');
      const del = el('button', { class: 'link small', text: 'Delete', attrs: { 'aria-label': `Delete the check-in from ${when(c.at)}` } });
      del.addEventListener('click', async () => {
        if (!(await confirmDialog(`Delete the check-in from ${when(c.at)}?`, 'Delete check-in'))) return;
        await ctx.api.checkins.remove(c.id).catch((e) => { if (!ctx.failed(e)) errors.show(e.message); });
        if (editing === c.id) fill(null);
        refresh();
      });
      list.append(el('li', { class: 'item card' },
        el('div', { class: 'row spread' },
          el('strong', { text: when(c.at) }),
          el('div', { class: 'row' },
            el('button', { class: 'link small', text: 'Change', attrs: { 'aria-label': `Change the check-in from ${when(c.at)}` }, on: { click: () => { fill(c); sliders.anger.range.focus(); } } }), del)),
        el('p', { class: 'small', text: noted || 'No feelings noted' }),
        c.note && el('p', { class: 'pre small muted', text: c.note })));
    }
  }

  refresh().catch((e) => { if (!ctx.failed(e)) errors.show(e.message); });
}
