// The trigger log: what happened, what it stirred up and how strongly, what helped and
// what was needed; and the patterns over time. A trigger months later is expected.

import { el, svg, clear } from '../dom.js';
import { busy, confirmDialog, errorBox, field, statusLine } from '../forms.js';
import { emptyState } from './empty.js';

export const title = 'Triggers';

/** Kinds of situation, for seeing patterns. */
export const CATEGORIES = [
  ['phone', 'Phones and screens'], ['places', 'A place'], ['dates', 'A date or anniversary'],
  ['words', 'Something said'], ['intimacy', 'Closeness or intimacy'], ['apart', 'Time apart'],
  ['media', 'A film, song or post'], ['other', 'Something else'],
];
const categoryName = Object.fromEntries(CATEGORIES);

function localInput(d = new Date()) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function when(iso) {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/**
 * The bar chart in words, for screen readers and for anyone who prefers text: how many
 * moments, which months of the twelve shown had the most, and the most common situation.
 * It describes; it does not judge.
 */
export function patternsSummary(p, topName, topCount) {
  const monthName = (m) => new Date(`${m}-15T12:00:00`).toLocaleDateString(undefined, { month: 'long', year: 'numeric' });
  const most = Math.max(0, ...p.byMonth.map((m) => m.count));
  const parts = [`${p.total} ${p.total === 1 ? 'moment' : 'moments'} logged.`];
  if (most > 0) {
    const peak = p.byMonth.filter((m) => m.count === most).map((m) => monthName(m.month));
    const months = p.byMonth.filter((m) => m.count > 0).length;
    const names = peak.length > 1 ? `${peak.slice(0, -1).join(', ')} and ${peak[peak.length - 1]}` : peak[0];
    parts.push(months === 1
      ? `Of the last ${p.byMonth.length} months, only ${names} had any (${most}).`
      : `Of the last ${p.byMonth.length} months, ${months} had at least one; the most were in ${names} (${most}${peak.length > 1 ? ' each' : ''}).`);
  }
  parts.push(`Most often: ${topName} (${topCount}).`);
  return parts.join(' ');
}

/** Renders the trigger log. */
export function render(root, ctx) {
  const errors = errorBox();
  const status = statusLine('save-status');
  let editing = null;
  const at = el('input', { type: 'datetime-local', id: 'trigger-at', value: localInput() });
  const category = el('select', { id: 'trigger-category' }, ...CATEGORIES.map(([v, t]) => el('option', { value: v, text: t })));
  const situation = el('textarea', { id: 'trigger-situation', rows: 2 });
  const feelings = el('textarea', { id: 'trigger-feelings', rows: 2 });
  const intensity = el('input', { type: 'range', id: 'trigger-intensity', min: 0, max: 10, value: 5 });
  const intensityOut = el('output', { htmlFor: 'trigger-intensity', text: '5' });
  intensity.addEventListener('input', () => { intensityOut.textContent = intensity.value; });
  const helped = el('textarea', { id: 'trigger-helped', rows: 2 });
  const needed = el('textarea', { id: 'trigger-needed', rows: 2 });
  const save = el('button', { class: 'primary', id: 'trigger-save', text: 'Save' });
  const list = el('ul', { class: 'item-list', id: 'trigger-list', attrs: { 'aria-label': 'Logged triggers' } });
  const patterns = el('div', { id: 'trigger-patterns', class: 'patterns' });

  root.append(el('section', { class: 'content', attrs: { 'aria-labelledby': 'triggers-title' } },
    el('h1', { id: 'triggers-title', text: 'Triggers' }),
    el('p', { class: 'lead', text: 'A moment can bring everything back: a phone picked up, a song, a date on the calendar. Writing it down helps you see what tends to set it off and what helps.' }),
    el('div', { class: 'two-col' }, field('When', at), field('What kind of situation', category)),
    field('What happened?', situation, 'For example: my partner picked up their phone during dinner.'),
    field('What did I feel?', feelings),
    el('div', { class: 'field' }, el('label', { htmlFor: 'trigger-intensity', text: 'How strong was it? (0–10)' }), el('div', { class: 'row' }, intensity, intensityOut)),
    field('What helped, even a little?', helped),
    field('What did I need?', needed),
    errors,
    el('div', { class: 'row' }, save, status),
    el('h2', { text: 'Patterns' }),
    patterns,
    el('h2', { text: 'Logged' }),
    list));

  function fill(t) {
    editing = t ? t.id : null;
    at.value = t ? localInput(new Date(t.at)) : localInput();
    category.value = t?.category || 'phone';
    situation.value = t?.situation || '';
    feelings.value = t?.feelings || '';
    intensity.value = t?.intensity ?? 5;
    intensityOut.textContent = intensity.value;
    helped.value = t?.helped || '';
    needed.value = t?.needed || '';
    save.textContent = t ? 'Save changes' : 'Save';
  }

  save.addEventListener('click', () => busy(save, errors, async () => {
    if (!situation.value.trim() && !feelings.value.trim()) {
      errors.show('Write at least what happened or what you felt.');
      situation.focus();
      return;
    }
    const when = new Date(at.value);
    await ctx.api.triggers.save({
      id: editing, at: Number.isNaN(when.getTime()) ? null : when.toISOString(), category: category.value,
      situation: situation.value, feelings: feelings.value, intensity: Number(intensity.value),
      helped: helped.value, needed: needed.value,
    });
    fill(null);
    status.textContent = 'Saved';
    await refresh();
  }, { label: 'Saving…', onError: ctx.failed }));

  function drawPatterns(p) {
    clear(patterns);
    if (!p.total) {
      patterns.append(el('p', { class: 'muted', text: 'Patterns appear here once you have logged a few moments: which situations come up most, and what has helped.' }));
      return;
    }
    const max = Math.max(1, ...p.byMonth.map((m) => m.count));
    const bw = 40;
    const chart = svg('svg', { viewBox: `0 0 ${p.byMonth.length * bw} 110`, class: 'bars', role: 'img', 'aria-labelledby': 'patterns-summary' });
    p.byMonth.forEach((m, i) => {
      const h = (m.count / max) * 80;
      chart.append(svg('rect', { x: i * bw + 8, y: 90 - h, width: bw - 16, height: h, class: 'bar' }),
        svg('text', { x: i * bw + bw / 2, y: 105, class: 'axis', 'text-anchor': 'middle' },
          new Date(`${m.month}-15T12:00:00`).toLocaleDateString(undefined, { month: 'short' })));
    });
    const top = p.categories[0];
    patterns.append(
      chart,
      el('p', { id: 'patterns-summary', class: 'chart-summary', text: patternsSummary(p, categoryName[top.category] || top.category, top.count) }),
      el('div', { class: 'two-col' },
        el('div', {}, el('h3', { text: 'Common situations' }),
          el('ul', {}, ...p.categories.map((c) => el('li', { text: `${categoryName[c.category] || c.category}: ${c.count}` })))),
        el('div', {}, el('h3', { text: 'What helped most often' }),
          p.helped.length ? el('ul', { id: 'helped-list' }, ...p.helped.map((h) => el('li', { text: `${h.text} (${h.count})` })))
            : el('p', { class: 'muted', text: 'Nothing noted yet.' }))),
      ...(p.total < 3 ? [el('p', { class: 'muted small', id: 'patterns-few', text: 'A few moments are not a pattern yet. This fills in if you keep logging them.' })] : []),
      el('p', { class: 'notice', text: 'Being triggered months later is common. It does not mean you are going backwards.' }));
  }

  async function refresh() {
    const [items, p] = await Promise.all([ctx.api.triggers.list({}), ctx.api.triggers.patterns()]);
    drawPatterns(p);
    clear(list);
    if (!items.length) {
      list.append(el('li', {}, emptyState('triggers-empty',
        'This log keeps the moments that brought the hurt back: what happened, what you felt, and what helped.',
        'Triggers can return long after a betrayal, even when things had felt calmer. That is part of healing, not a failure.',
        { text: 'Log a moment', onClick: () => situation.focus() })));
    }
    for (const t of items.slice(0, 50)) {
      const del = el('button', { class: 'link small', text: 'Delete', attrs: { 'aria-label': `Delete the moment from ${when(t.at)}` } });
      del.addEventListener('click', async () => {
        if (!(await confirmDialog(`Delete the moment from ${when(t.at)}?`, 'Delete'))) return;
        await ctx.api.triggers.remove(t.id).catch((e) => { if (!ctx.failed(e)) errors.show(e.message); });
        refresh();
      });
      list.append(el('li', { class: 'item card' },
        el('div', { class: 'row spread' }, el('strong', { text: `${when(t.at)} · ${categoryName[t.category] || t.category}` }),
          el('div', { class: 'row' }, el('button', { class: 'link small', text: 'Change', attrs: { 'aria-label': `Change the moment from ${when(t.at)}` }, on: { click: () => { fill(t); situation.focus(); } } }), del)),
        t.situation && el('p', { class: 'pre', text: t.situation }),
        t.feelings && el('p', { class: 'pre small', text: `Felt: ${t.feelings}${t.intensity === null || t.intensity === undefined ? '' : ` (${t.intensity}/10)`}` }),
        t.helped && el('p', { class: 'pre small muted', text: `Helped: ${t.helped}` }),
        t.needed && el('p', { class: 'pre small muted', text: `Needed: ${t.needed}` })));
    }
  }

  refresh().catch((e) => { if (!ctx.failed(e)) errors.show(e.message); });
}
