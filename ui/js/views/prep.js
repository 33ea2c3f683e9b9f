// The session-prep sheet: choose what goes on it (every section is opt-in), see it as it
// will print, then print it through the system dialog or save it as a PDF. The preview
// is drawn from the same document Rust lays out as the PDF; it arrives as data, never
// as HTML.

import { el, clear } from '../dom.js';
import { busy, errorBox, field, statusLine } from '../forms.js';
import { today } from '../api.js';
import { COUNTRIES, defaultCountry } from '../crisis-data.js';
import { emptyState } from './empty.js';

export const title = 'Session prep';

const SECTIONS = [
  ['whatBringsMe', 'What brings me'],
  ['checklist', 'Readiness checklist (latest)'],
  ['checklistTrend', 'How the checklist has changed'],
  ['screeners', 'Questionnaire results, with answers'],
  ['checkins', 'Recent emotion check-ins'],
  ['triggers', 'Recent triggers'],
  ['needs', 'My needs and boundaries'],
  ['questions', 'Questions for the therapist'],
  ['goals', 'My goals'],
  ['crisis', 'Crisis lines'],
];
const GOALS = [['individual', 'Individual therapy'], ['couples', 'Couples therapy'], ['notSure', 'Not sure yet']];

/** Draws the sheet document (sections of plain blocks) as DOM nodes. */
export function renderDoc(doc) {
  const block = (b) => {
    switch (b.type) {
      case 'subheading': return el('h3', { text: b.text });
      case 'text': return el('p', { class: 'pre', text: b.text });
      case 'para': return el('p', { text: b.text });
      case 'note': return el('p', { class: 'note', text: b.text });
      case 'bullets': return el('ul', {}, ...b.items.map((t) => el('li', { class: 'pre', text: t })));
      case 'numbered': return el('ol', {}, ...b.items.map((t) => el('li', { class: 'pre', text: t })));
      case 'fields': return el('dl', { class: 'fields' }, ...b.pairs.flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { class: 'pre', text: v })]));
      case 'table': return el('table', {},
        el('colgroup', {}, ...b.columns.map((c) => {
          const col = el('col');
          col.style.width = `${Math.round(c.width * 100)}%`;
          return col;
        })),
        el('thead', {}, el('tr', {}, ...b.columns.map((c) => el('th', { text: c.title })))),
        el('tbody', {}, ...b.rows.map((r) => el('tr', {}, ...r.map((cell) => el('td', { class: 'pre', text: cell }))))));
      default: return null;
    }
  };
  return el('article', { class: `sheet paper-${doc.paper}`, id: 'sheet' },
    el('header', { class: 'sheet-header' },
      doc.appName && el('p', { class: 'sheet-app', text: doc.appName }),
      el('h1', { text: doc.title }),
      el('p', { class: 'sheet-date', text: doc.date })),
    ...doc.sections.map((s) => el('section', { class: `sheet-section sheet-${s.id}` },
      el('h2', { text: s.heading }), ...s.blocks.map(block).filter(Boolean))));
}

/** Renders the session-prep screen. */
export function render(root, ctx) {
  const errors = errorBox();
  const status = statusLine('save-status');
  const preview = el('div', { class: 'sheet-preview print-area', id: 'sheet-preview', attrs: { 'aria-label': 'Preview', role: 'region' } });
  const controls = el('div', { class: 'prep-controls' });
  const empty = emptyState('prep-empty',
    'Nothing is on the sheet yet. Tick a section and it appears below, just as it will print.',
    'You do not need to have it all worked out; a few lines in your own words are enough to begin a session.',
    { text: 'Choose the first section', onClick: () => document.getElementById('include-whatBringsMe')?.focus() }, 'no-print');
  empty.hidden = true;
  let draft = null;
  let timer = null;

  root.append(el('section', { class: 'content wide', attrs: { 'aria-labelledby': 'prep-title' } },
    el('h1', { id: 'prep-title', text: 'Prepare for a session' }),
    el('p', { class: 'lead', text: 'Bring your own words to therapy. Choose what to include; nothing goes on the sheet unless you tick it. A therapist can help whether you stay together or part, and you can go on your own even if your partner will not come.' }),
    errors,
    el('div', { class: 'prep' }, controls, el('div', {}, el('h2', { class: 'visually-hidden', text: 'Preview' }), empty, preview))));

  function changed() {
    status.textContent = '';
    clearTimeout(timer);
    timer = setTimeout(refresh, 300);
  }

  async function refresh() {
    clearTimeout(timer);
    timer = null;
    try {
      await ctx.api.prep.save(draft);
      status.textContent = 'Saved';
      const doc = await ctx.api.prep.preview(draft, today());
      clear(preview).append(renderDoc(doc));
      empty.hidden = doc.sections.length > 0;
    } catch (e) {
      if (!ctx.failed(e)) errors.show(e.message);
    }
  }

  function draw(prep) {
    draft = prep.draft;
    if (!draft.crisisCountry) draft.crisisCountry = defaultCountry();
    const text = (key, id, label, rows = 3) => {
      const area = el('textarea', { id, rows, value: key === 'questions' ? draft.questions.join('\n') : draft[key] });
      area.addEventListener('input', () => {
        if (key === 'questions') draft.questions = area.value.split('\n').map((q) => q.trim()).filter(Boolean);
        else draft[key] = area.value;
        changed();
      });
      return field(label, area);
    };
    const extra = {
      whatBringsMe: text('whatBringsMe', 'prep-what', 'In my own words', 4),
      questions: text('questions', 'prep-questions', 'One question per line', 4),
      goals: el('div', {},
        el('fieldset', { class: 'choices inline' }, el('legend', { text: 'I am thinking about' }),
          ...GOALS.map(([v, t]) => el('label', { class: 'option' },
            el('input', { type: 'radio', name: 'goal-kind', value: v, checked: draft.goalKind === v, on: { change: () => { draft.goalKind = v; changed(); } } }), t))),
        text('goals', 'prep-goals', 'What I hope therapy helps with', 3)),
      crisis: field('Country', el('select', { id: 'prep-country', on: { change: (e) => { draft.crisisCountry = e.target.value; changed(); } } },
        ...Object.entries(COUNTRIES).map(([code, c]) => el('option', { value: code, text: c.name, selected: code === draft.crisisCountry })))),
    };
    clear(controls).append(
      el('fieldset', { class: 'sections' }, el('legend', { text: 'On the sheet' }),
        ...SECTIONS.map(([key, label]) => {
          const available = prep.available[key] !== false;
          const box = el('input', { type: 'checkbox', id: `include-${key}`, checked: Boolean(draft.include[key]) });
          const more = extra[key] ? el('div', { class: 'section-extra', hidden: !box.checked }, extra[key]) : null;
          box.addEventListener('change', () => { draft.include[key] = box.checked; if (more) more.hidden = !box.checked; changed(); });
          return el('div', { class: 'section-choice' },
            el('div', { class: 'field checkbox' }, box, el('label', { htmlFor: box.id }, label,
              !available && el('span', { class: 'hint block', text: 'Nothing in your vault for this yet.' }))),
            more);
        })),
      el('fieldset', { class: 'sections' }, el('legend', { text: 'The page' }),
        el('div', { class: 'field checkbox' },
          el('input', { type: 'checkbox', id: 'prep-app-name', checked: draft.showAppName, on: { change: (e) => { draft.showAppName = e.target.checked; changed(); } } }),
          el('label', { htmlFor: 'prep-app-name', text: 'Show “Mend” on the page' })),
        field('Paper', el('select', { id: 'prep-paper', on: { change: (e) => { draft.paper = e.target.value; changed(); } } },
          el('option', { value: 'a4', text: 'A4', selected: draft.paper === 'a4' }),
          el('option', { value: 'letter', text: 'Letter', selected: draft.paper === 'letter' })))),
      el('div', { class: 'row' },
        el('button', { class: 'primary', id: 'prep-print', text: 'Print…', on: { click: () => ctx.api.windowActions.print() } }),
        pdfButton()),
      warning, status);
  }

  const warning = el('div', { class: 'warning', id: 'pdf-warning', hidden: true, attrs: { role: 'alert' } });
  function pdfButton() {
    const button = el('button', { id: 'prep-pdf', text: 'Save as PDF…' });
    button.addEventListener('click', () => {
      clear(warning).append(
        el('p', {}, el('strong', { text: 'The PDF is not encrypted. ' }), 'Anyone who opens the file can read it. Save it somewhere private and delete it when you no longer need it.'),
        el('div', { class: 'row' },
          el('button', { class: 'primary', id: 'pdf-confirm', text: 'I understand, save', on: { click: () => {
            warning.hidden = true;
            busy(button, errors, async () => {
              const r = await ctx.api.prep.pdf(draft, today());
              if (r.saved) status.textContent = 'PDF saved. Remember: it is not encrypted.';
            }, { label: 'Saving…', onError: ctx.failed });
          } } }),
          el('button', { text: 'Cancel', on: { click: () => { warning.hidden = true; } } })));
      warning.hidden = false;
    });
    return button;
  }

  ctx.api.prep.get(today()).then((p) => { draw(p); refresh(); }).catch((e) => { if (!ctx.failed(e)) errors.show(e.message); });
  return () => (timer ? refresh() : null);
}
