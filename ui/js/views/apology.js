// The apology helper, for the partner who broke trust: drafts kept with a version per
// day, a live checker beside the text that marks non-apology patterns and explains each
// one, the parts a real apology has, a cool-off before a draft can be called ready,
// printing as a letter, and copying that clears itself.

import { el, clear } from '../dom.js';
import { busy, confirmDialog, errorBox, field, statusLine } from '../forms.js';
import { today } from '../api.js';

export const title = 'Apology';

const SAVE_AFTER_MS = 700;
const CHECK_AFTER_MS = 120;

/** Names for the checker's kinds, in plain words. */
export const KIND_NAMES = {
  conditional: 'Sorry “if”', feelings_deflection: 'Sorry you feel', but_clause: 'Sorry, but', blame_shift: 'Shifting blame',
  minimizing: 'Making it smaller', passive_voice: 'Nobody did it', excuse: 'An excuse', vague: 'Too vague',
  timeline_pressure: 'Hurrying their healing', forgiveness_demand: 'Demanding forgiveness', partner_policing: 'Handing them the monitoring',
};

/** The parts of an apology, the two that matter most first. */
export const COMPONENTS = [
  ['responsibility', 'Taking responsibility', true], ['repair', 'What you will do differently', true],
  ['specific_behavior', 'Naming what you did'], ['impact', 'How it affected them'], ['regret', 'Saying you are sorry'],
  ['repentance', 'Remorse and change of heart'], ['forgiveness_request', 'Asking for forgiveness (optional)'],
];

/** Splits `text` into plain and marked pieces from findings with code-point offsets. */
export function markedPieces(text, findings) {
  const chars = Array.from(text);
  const spans = [...findings].sort((a, b) => a.start - b.start || b.end - a.end);
  const out = [];
  let at = 0;
  spans.forEach((f, i) => {
    if (f.start < at) return; // overlapping: the earlier one wins
    if (f.start > at) out.push({ text: chars.slice(at, f.start).join('') });
    out.push({ text: chars.slice(f.start, f.end).join(''), finding: f, index: i });
    at = f.end;
  });
  if (at < chars.length) out.push({ text: chars.slice(at).join('') });
  return out;
}

/** UTF-16 index in `text` of code-point offset `cp` (for selecting in a textarea). */
function utf16(text, cp) {
  return Array.from(text).slice(0, cp).join('').length;
}

/** Renders the drafts and the editor with its checker. */
export function render(root, ctx) {
  const errors = errorBox();
  const status = statusLine('save-status');
  let current = null;
  let saveTimer = null;
  let checkTimer = null;
  let saving = Promise.resolve();

  const list = el('ul', { class: 'entry-list', id: 'apology-list', attrs: { 'aria-label': 'Drafts' } });
  const titleInput = el('input', { type: 'text', id: 'apology-title', autocomplete: 'off' });
  const body = el('textarea', { id: 'apology-body', rows: 16, spellcheck: true });
  const marked = el('div', { class: 'apology-marked print-area letter', id: 'apology-marked', attrs: { 'aria-label': 'Your draft with the checker’s marks' } });
  const findings = el('ul', { class: 'findings', id: 'apology-findings', attrs: { 'aria-live': 'polite' } });
  const parts = el('ul', { class: 'components', id: 'apology-components' });
  const readyBox = el('div', { class: 'ready', id: 'apology-ready' });
  const versions = el('ul', { class: 'version-list', id: 'apology-versions' });
  const editor = el('div', { class: 'apology-editor', hidden: true },
    field('Title (only you see it)', titleInput),
    field('Your apology', body, 'Write it the way you would say it. The checker reads along and marks patterns that can turn an apology into a non-apology.'),
    el('div', { class: 'row' }, status,
      el('button', { id: 'apology-copy', text: 'Copy', on: { click: copy } }),
      el('button', { id: 'apology-print', text: 'Print as a letter', on: { click: () => ctx.api.windowActions.print() } }),
      el('button', { class: 'danger', id: 'apology-delete', text: 'Delete draft', on: { click: remove } })),
    readyBox,
    el('h3', { text: 'Earlier versions' }), versions);
  const checker = el('aside', { class: 'checker', attrs: { 'aria-labelledby': 'checker-title' } },
    el('h2', { id: 'checker-title', text: 'Checker' }),
    el('h3', { text: 'What an apology needs' }), parts,
    el('h3', { text: 'Patterns to look at' }), findings,
    el('h3', { text: 'Your draft, marked' }), marked);
  const empty = el('div', { class: 'empty card', id: 'apology-empty' },
    el('p', { text: 'A real apology names what you did, shows you understand how it hurt, takes responsibility without excuses, and says what you will do differently.' }),
    el('p', { class: 'muted', text: 'Owning what you did and saying what you will change matter most; asking for forgiveness is optional, and it is never owed.' }),
    el('div', { class: 'row' }, el('button', { id: 'apology-empty-start', text: 'Start with the guided builder', on: { click: () => ctx.navigate('builder') } })));

  root.append(el('section', { class: 'content wide', attrs: { 'aria-labelledby': 'apology-heading' } },
    el('div', { class: 'row spread' },
      el('h1', { id: 'apology-heading', text: 'Apology' }),
      el('div', { class: 'row' },
        el('button', { id: 'apology-builder', text: 'Guided builder', on: { click: () => ctx.navigate('builder') } }),
        el('button', { class: 'primary', id: 'apology-new', text: 'New draft', on: { click: () => create('', '') } }))),
    errors,
    el('div', { class: 'apology' }, el('div', {}, list), el('div', { class: 'apology-main' }, editor, empty), checker)));

  function pieces(report, text) {
    clear(marked);
    for (const p of markedPieces(text, report.findings)) {
      marked.append(p.finding
        ? el('mark', { class: `finding kind-${p.finding.kind}`, text: p.text, title: KIND_NAMES[p.finding.kind] || p.finding.kind })
        : document.createTextNode(p.text));
    }
  }

  async function check() {
    const text = body.value;
    const report = await ctx.api.apology.check(text).catch(() => null);
    if (!report || body.value !== text) return;
    pieces(report, text);
    clear(findings);
    if (!report.findings.length) findings.append(el('li', { class: 'muted', id: 'no-findings', text: text.trim() ? 'Nothing to flag. Read it once more aloud, as your partner would hear it.' : 'Nothing written yet.' }));
    for (const f of report.findings) {
      const jump = el('button', { class: 'link small', text: 'Show in the text', on: { click: () => { body.focus(); body.setSelectionRange(utf16(text, f.start), utf16(text, f.end)); } } });
      findings.append(el('li', { class: `finding-item kind-${f.kind}`, dataset: { kind: f.kind } },
        el('strong', { text: KIND_NAMES[f.kind] || f.kind }), ' ', el('q', { text: f.excerpt }),
        el('p', { class: 'small', text: f.why }), el('p', { class: 'small muted', text: f.suggestion }), jump));
    }
    clear(parts);
    for (const [key, label, key2] of COMPONENTS) {
      const present = Boolean(report.components[key]);
      parts.append(el('li', { class: `component ${present ? 'present' : 'missing'} ${key2 ? 'main' : ''}`, dataset: { component: key } },
        el('span', { class: 'mark', text: present ? '✓' : '–', attrs: { 'aria-hidden': 'true' } }),
        el('span', { text: `${label}${present || !text.trim() ? '' : key2 ? ': not there yet' : ''}` }),
        el('span', { class: 'visually-hidden', text: present ? ' (there)' : ' (not there yet)' })));
    }
  }

  function scheduleCheck() { clearTimeout(checkTimer); checkTimer = setTimeout(check, CHECK_AFTER_MS); }
  function edited() {
    status.textContent = '';
    scheduleCheck();
    clearTimeout(saveTimer);
    saveTimer = setTimeout(save, SAVE_AFTER_MS);
  }
  body.addEventListener('input', edited);
  titleInput.addEventListener('input', edited);

  function save() {
    clearTimeout(saveTimer);
    saveTimer = null;
    if (!current) return saving;
    const target = current;
    const draft = { id: target.id, title: titleInput.value, body: body.value, steps: target.steps, today: today() };
    status.textContent = 'Saving…';
    saving = saving.then(() => ctx.api.apology.save(draft)).then((saved) => {
      if (target === current) { current = saved; status.textContent = 'Saved'; drawMeta(); }
      refreshList();
    }).catch((e) => { if (!ctx.failed(e)) { status.textContent = ''; errors.show(`${e.message} What you typed is still here.`); } });
    return saving;
  }

  function drawMeta() {
    const until = new Date(current.coolOffUntil);
    const cooling = until > new Date();
    clear(readyBox).append(current.readyAt
      ? el('p', { class: 'notice', text: 'You marked this ready. Changing it will ask for another look.' },
        el('button', { class: 'link', id: 'apology-unready', text: 'Not ready after all', on: { click: () => setReady(false) } }))
      : el('div', {},
        el('p', { class: 'small muted', text: cooling
          ? `A pause helps the words settle. You can mark this ready after ${until.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}. There is no hurry, for you or for your partner.`
          : 'When it says what you mean, and you can say it without asking anything back, you can mark it ready.' }),
        el('button', { id: 'apology-mark-ready', text: 'Mark as ready', disabled: cooling, on: { click: () => setReady(true) } })));
    clear(versions);
    const older = current.versions.slice(1);
    if (!older.length) versions.append(el('li', { class: 'muted small', text: 'One version is kept for each day you work on it.' }));
    for (const v of older) {
      versions.append(el('li', {}, el('button', { class: 'version-link', on: { click: () => restore(v) } },
        el('span', { text: new Date(`${v.day}T12:00:00`).toLocaleDateString(undefined, { dateStyle: 'long' }) }),
        el('span', { class: 'small muted', text: v.preview }))));
    }
  }

  async function restore(v) {
    if (!(await confirmDialog(`Bring back the wording from ${v.day}? Today's text is replaced (earlier days are kept).`, 'Bring it back'))) return;
    const d = await ctx.api.apology.restore(v.id, today()).catch((e) => { if (!ctx.failed(e)) errors.show(e.message); });
    if (d) open(d);
  }

  async function setReady(ready) {
    const d = await ctx.api.apology.ready(current.id, ready).catch((e) => { if (!ctx.failed(e)) errors.show(e.message); });
    if (d) { current = d; drawMeta(); refreshList(); }
  }

  async function copy() {
    await save();
    await ctx.api.apology.copy(current.id).then(() => { status.textContent = 'Copied. The clipboard clears in 60 seconds.'; })
      .catch((e) => { if (!ctx.failed(e)) errors.show(e.message); });
  }

  async function remove() {
    if (!current) return;
    if (!(await confirmDialog(`Delete “${current.title.trim() || 'this draft'}” and all its versions?`, 'Delete draft'))) return;
    clearTimeout(saveTimer);
    saveTimer = null;
    await ctx.api.apology.remove(current.id).catch((e) => { if (!ctx.failed(e)) errors.show(e.message); });
    current = null;
    editor.hidden = true;
    refreshList();
  }

  function open(d) {
    current = d;
    titleInput.value = d.title;
    body.value = d.body;
    editor.hidden = false;
    status.textContent = '';
    drawMeta();
    check();
    refreshList();
  }

  async function create(title, text, steps) {
    const d = await ctx.api.apology.save({ id: null, title: title || 'Untitled draft', body: text, steps: steps || null, today: today() })
      .catch((e) => { if (!ctx.failed(e)) errors.show(e.message); });
    if (d) { open(d); body.focus(); }
  }

  async function refreshList() {
    const all = await ctx.api.apology.list().catch(() => []);
    empty.hidden = all.length > 0 || current !== null;
    clear(list).append(...all.map((d) => el('li', {}, el('button', {
      class: 'entry-link', dataset: { id: String(d.id) }, attrs: d.id === current?.id ? { 'aria-current': 'true' } : {},
      on: { click: async () => { await save(); const full = await ctx.api.apology.get(d.id).catch(() => null); if (full) open(full); } },
    }, el('span', { class: 'entry-title', text: d.title.trim() || 'Untitled draft' }),
    el('span', { class: 'small muted', text: d.readyAt ? 'Ready' : `Changed ${new Date(d.updatedAt).toLocaleDateString()}` })))));
  }

  check();
  if (ctx.params.create) create(ctx.params.create.title, ctx.params.create.body, ctx.params.create.steps);
  else refreshList();
  return () => { clearTimeout(checkTimer); return saveTimer ? save() : saving; };
}
