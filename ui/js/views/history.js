// History of the checklist and questionnaires: each result with its item answers, and a
// simple chart of questionnaire totals over time. Totals are shown as they were; there
// is no trend line and no verdict.

import { el, svg, clear } from '../dom.js';
import { confirmDialog, errorBox } from '../forms.js';
import { emptyState } from './empty.js';

export const title = 'History';

const NAMES = { checklist: 'Readiness checklist', gad7: 'GAD-7', phq9: 'PHQ-9' };

function day(iso) {
  return new Date(iso).toLocaleDateString(undefined, { dateStyle: 'medium' });
}

function totalsChart(results, kind, max) {
  const points = results.filter((r) => r.kind === kind && r.evaluation.complete).reverse();
  if (points.length === 0) return null;
  const W = 600;
  const H = 140;
  const x = (i) => 30 + (points.length === 1 ? (W - 40) / 2 : (i * (W - 40)) / (points.length - 1));
  const y = (v) => 10 + (1 - v / max) * (H - 30);
  const chart = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'history-chart', role: 'img', 'aria-label': `${NAMES[kind]} totals over time`, 'aria-describedby': `${kind}-summary` });
  for (const v of [0, max]) chart.append(svg('line', { x1: 30, x2: W - 10, y1: y(v), y2: y(v), class: 'grid' }), svg('text', { x: 4, y: y(v) + 4, class: 'axis' }, String(v)));
  // Dots only: each total is one day's answer, and a line between them would read as a trend.
  points.forEach((p, i) => chart.append(
    svg('circle', { cx: x(i), cy: y(p.evaluation.total), r: 4, class: 'history-dot' }),
    svg('text', { x: x(i), y: H - 4, class: 'axis', 'text-anchor': 'middle' }, new Date(p.takenAt).toLocaleDateString(undefined, { day: 'numeric', month: 'short' }))));
  const summary = points.map((p) => `${day(p.takenAt)}: ${p.evaluation.total}`).join('; ');
  return el('figure', { class: 'chart-holder' }, chart, el('figcaption', { class: 'small muted chart-summary', id: `${kind}-summary`, text: `${NAMES[kind]} totals, oldest first. ${summary}.` }));
}

/** Renders the history. */
export function render(root, ctx) {
  const errors = errorBox();
  const charts = el('div', { class: 'charts' });
  const list = el('ul', { class: 'item-list', id: 'history-list' });
  root.append(el('section', { class: 'content', attrs: { 'aria-labelledby': 'history-title' } },
    el('h1', { id: 'history-title', text: 'History' }),
    el('p', { class: 'lead', text: 'What you answered over time, to look back on or bring to a therapist. The totals are screening results, not a diagnosis, and not a verdict on who you are or on how you feel.' }),
    errors, charts, list));

  function detail(r, spec) {
    if (r.kind === 'checklist') {
      const present = r.evaluation.checklist?.present || [];
      return el('p', { class: 'small', text: present.length ? `Present: ${present.map((p) => p.label).join('; ')}` : 'None of the signs were there.' });
    }
    const inst = spec[r.kind];
    return el('details', {},
      el('summary', { text: 'Answers' }),
      el('ol', { class: 'small' }, ...inst.items.map((text, i) => {
        const a = r.answers.items[i];
        return el('li', { text: `${text}: ${a === null || a === undefined ? 'not answered' : inst.options[a]}` });
      })));
  }

  async function refresh() {
    const [results, spec] = await Promise.all([ctx.api.readiness.list(null), ctx.api.readiness.spec()]);
    clear(charts).append(...[totalsChart(results, 'gad7', 21), totalsChart(results, 'phq9', 27)].filter(Boolean));
    clear(list);
    if (!results.length) {
      list.append(el('li', {}, emptyState('history-empty',
        'Results you keep from the readiness checklist and the two questionnaires appear here, each with every answer you gave.',
        'How you are after a betrayal can change from week to week; looking back can help you and a professional see when more support would help.',
        { text: 'Open the readiness checklist', onClick: () => ctx.navigate('checklist') })));
    }
    for (const r of results) {
      const e = r.evaluation;
      const outcome = r.kind === 'checklist' ? '' : (e.complete ? `Total ${e.total} of ${spec[r.kind].maxTotal}, “${e.bandLabel}” range` : `Incomplete (${e.answered} of ${e.of} answered)`);
      const del = el('button', { class: 'link small', text: 'Delete', attrs: { 'aria-label': `Delete the ${NAMES[r.kind]} from ${day(r.takenAt)}` } });
      del.addEventListener('click', async () => {
        if (!(await confirmDialog(`Delete the ${NAMES[r.kind]} from ${day(r.takenAt)}?`, 'Delete'))) return;
        await ctx.api.readiness.remove(r.id).catch((err) => { if (!ctx.failed(err)) errors.show(err.message); });
        refresh();
      });
      list.append(el('li', { class: 'item card', dataset: { kind: r.kind } },
        el('div', { class: 'row spread' }, el('strong', { text: `${NAMES[r.kind]} · ${day(r.takenAt)}` }), del),
        outcome && el('p', { class: 'outcome', text: outcome }),
        detail(r, spec)));
    }
  }
  refresh().catch((e) => { if (!ctx.failed(e)) errors.show(e.message); });
}
