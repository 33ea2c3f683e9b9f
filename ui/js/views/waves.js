// Waves: check-ins over two weeks, three months or a year, drawn locally as SVG from
// DOM nodes. It shows ups and downs as they were; no trend line, score or verdict.

import { el, svg, clear } from '../dom.js';
import { errorBox } from '../forms.js';
import { EMOTIONS } from './checkin.js';
import { emptyState } from './empty.js';

export const title = 'Waves';

const RANGES = [['2w', 'Two weeks'], ['3m', 'Three months'], ['1y', 'A year']];
const W = 640;
const H = 240;
const PAD = { l: 32, r: 8, t: 12, b: 26 };

function label(start, range) {
  const d = new Date(`${start}T12:00:00`);
  return d.toLocaleDateString(undefined, range === '1y' ? { month: 'short' } : { day: 'numeric', month: 'short' });
}

/** Draws the chart for `data` showing the emotions in `shown`. */
export function chart(data, shown) {
  const n = data.buckets.length;
  const x = (i) => PAD.l + (n <= 1 ? 0 : (i * (W - PAD.l - PAD.r)) / (n - 1));
  const y = (v) => PAD.t + (1 - v / 10) * (H - PAD.t - PAD.b);
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'waves-chart', role: 'img', 'aria-labelledby': 'waves-summary' });
  for (const v of [0, 5, 10]) {
    root.append(svg('line', { x1: PAD.l, x2: W - PAD.r, y1: y(v), y2: y(v), class: 'grid' }),
      svg('text', { x: 4, y: y(v) + 4, class: 'axis' }, String(v)));
  }
  const step = Math.max(1, Math.ceil(n / 7));
  data.buckets.forEach((b, i) => {
    if (i % step === 0) root.append(svg('text', { x: x(i), y: H - 6, class: 'axis', 'text-anchor': 'middle' }, label(b.start, data.range)));
  });
  for (const { key } of EMOTIONS) {
    if (!shown.has(key)) continue;
    // Runs of consecutive values become one line; a gap stays a gap.
    let run = [];
    const flush = () => {
      if (run.length > 1) root.append(svg('polyline', { points: run.join(' '), class: `wave wave-${key}` }));
      run = [];
    };
    data.buckets.forEach((b, i) => {
      const v = b.values[key];
      if (v === null || v === undefined) { flush(); return; }
      run.push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`);
      root.append(svg('circle', { cx: x(i).toFixed(1), cy: y(v).toFixed(1), r: 2.5, class: `dot wave-${key}` }));
    });
    flush();
  }
  return root;
}

/** Renders the waves screen. */
export function render(root, ctx) {
  const errors = errorBox();
  let range = ctx.params.range || '2w';
  const shown = new Set(['anger', 'sadness', 'hope', 'fear']);
  const holder = el('div', { class: 'chart-holder', id: 'waves-chart' });
  const summary = el('p', { id: 'waves-summary', class: 'chart-summary' });
  const tabs = el('div', { class: 'segmented', attrs: { role: 'group', 'aria-label': 'Period' } },
    ...RANGES.map(([value, text]) => el('button', {
      text, dataset: { range: value }, attrs: { 'aria-pressed': String(value === range) },
      on: { click: () => { range = value; draw(); } },
    })));
  const legend = el('div', { class: 'legend', attrs: { role: 'group', 'aria-label': 'Feelings shown' } },
    ...EMOTIONS.map(({ key, label: text }) => {
      const box = el('input', { type: 'checkbox', id: `show-${key}`, checked: shown.has(key) });
      box.addEventListener('change', () => { if (box.checked) shown.add(key); else shown.delete(key); draw(); });
      return el('label', { class: `legend-item wave-${key}`, htmlFor: box.id }, box, el('span', { class: 'swatch' }), text);
    }));
  const empty = emptyState('waves-empty',
    'Waves draws your check-ins over time, so you can see feelings come and go; there are none in this period yet.',
    'Anger, sadness, hope and fear often take turns after a betrayal, sometimes within one day; seeing that drawn out can make it feel less strange.',
    { text: 'Check in now', onClick: () => ctx.navigate('checkin') });
  empty.hidden = true;
  let data = null;

  root.append(el('section', { class: 'content wide', attrs: { 'aria-labelledby': 'waves-title' } },
    el('h1', { id: 'waves-title', text: 'Waves' }),
    el('p', { class: 'lead', text: 'Healing does not run in a straight line. This shows how your feelings have come and gone, nothing more.' }),
    tabs, errors, empty, holder, summary, legend));

  async function draw() {
    for (const b of tabs.children) b.setAttribute('aria-pressed', String(b.dataset.range === range));
    if (!data || data.range !== range) {
      data = await ctx.api.checkins.waves(range).catch((e) => { if (!ctx.failed(e)) errors.show(e.message); });
      if (!data) return;
    }
    clear(holder).append(chart(data, shown));
    empty.hidden = data.buckets.some((b) => Object.values(b.values).some((v) => v !== null && v !== undefined));
    summary.textContent = data.summary;
  }
  draw();
}
