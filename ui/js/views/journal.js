// The journal: free entries or guided prompts, instant full-text search (inside the
// encrypted vault) with the matching words marked, filters by date and section, and an
// editor that saves by itself. "Saved" appears only after Rust reports the commit.

import { el, clear } from '../dom.js';
import { confirmDialog, errorBox, field, statusLine } from '../forms.js';

export const title = 'Journal';

const SAVE_AFTER_MS = 700;
// Matches per search page (Rust's journal::SEARCH_LIMIT); a full page means older ones may follow.
const SEARCH_PAGE = 50;
// Entries drawn at a time when not searching; ten years of them would take a while to lay out.
const LIST_PAGE = 50;

/** Journal sections; every guided prompt belongs to one. */
export const SECTIONS = [
  ['free', 'Free writing'], ['feelings', 'Feelings'], ['needs', 'Needs and boundaries'],
  ['trust', 'Trust and honesty'], ['repair', 'Repair'], ['therapy', 'Therapy'],
];
const sectionName = Object.fromEntries(SECTIONS);

function when(iso) {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** Text segments from search, with the matching words in <mark>. */
function segments(segs) {
  return segs.map((s) => (s.hit ? el('mark', { text: s.text }) : document.createTextNode(s.text)));
}

/** Renders the journal. `ctx.params.query` starts a search. */
export function render(root, ctx) {
  let entries = [];
  let current = null;
  let timer = null;
  let searchTimer = null;
  let saving = Promise.resolve();
  let prompts = [];
  // Search results so far (pages arrive newest first) and whether an older page may follow.
  let hits = null;
  let morePossible = false;
  let listLimit = LIST_PAGE;

  const errors = errorBox();
  const status = statusLine('save-status');
  const search = el('input', { type: 'search', id: 'journal-search', autocomplete: 'off', spellcheck: false,
    attrs: { 'aria-controls': 'entry-list', placeholder: 'Search your journal' } });
  const section = el('select', { id: 'journal-section' }, el('option', { value: '', text: 'All sections' }),
    ...SECTIONS.map(([v, t]) => el('option', { value: v, text: t })));
  const from = el('input', { type: 'date', id: 'journal-from' });
  const to = el('input', { type: 'date', id: 'journal-to' });
  const count = el('p', { class: 'small muted', id: 'journal-count', attrs: { role: 'status' } });
  const list = el('ul', { class: 'entry-list', id: 'entry-list', attrs: { 'aria-label': 'Entries' } });
  const more = el('button', { id: 'journal-more', text: 'Show older matches', hidden: true, on: { click: () => (search.value.trim() && hits ? showMore() : showOlderEntries()) } });
  const promptBox = el('div', { class: 'prompt-box', id: 'prompt-box', hidden: true });
  const titleInput = el('input', { type: 'text', id: 'entry-title', autocomplete: 'off' });
  const bodyInput = el('textarea', { id: 'entry-body', rows: 14 });
  const del = el('button', { class: 'danger', id: 'entry-delete', text: 'Delete entry', hidden: true });
  const editor = el('div', { class: 'editor', hidden: true }, promptBox,
    field('Title', titleInput), field('Entry', bodyInput), el('div', { class: 'row' }, status, del));
  const promptPicker = el('select', { id: 'prompt-picker', attrs: { 'aria-label': 'Write from a prompt' } }, el('option', { value: '', text: 'Write from a prompt…' }));
  const empty = el('div', { class: 'empty card', id: 'journal-empty' },
    el('p', { text: 'The journal is for anything you want to get out of your head: what happened today, what you felt, what you are unsure about.' }),
    el('p', { class: 'muted', text: 'Time spent reflecting helps you find out what you need and where your limits are; when the page feels blank, a prompt gives you somewhere to start.' }),
    el('div', { class: 'row' }, el('button', { id: 'journal-empty-start', text: 'Write your first entry', on: { click: () => open(null) } })));

  root.append(el('section', { class: 'content wide', attrs: { 'aria-labelledby': 'journal-title' } },
    el('div', { class: 'row spread' },
      el('h1', { id: 'journal-title', text: 'Journal' }),
      el('div', { class: 'row' }, promptPicker,
        el('button', { class: 'primary', id: 'entry-new', text: 'New entry', on: { click: () => open(null) } }))),
    el('div', { class: 'filters' },
      field('Search', search), field('Section', section), field('From', from), field('To', to)),
    errors,
    el('div', { class: 'journal' }, el('div', {}, count, list, more), editor),
    empty));

  const isoStart = (d) => (d ? new Date(`${d}T00:00:00`).toISOString() : null);
  const isoEnd = (d) => (d ? new Date(`${d}T23:59:59.999`).toISOString() : null);
  const filter = () => ({ from: isoStart(from.value), to: isoEnd(to.value), section: section.value || null });

  function drawList(results) {
    clear(list);
    const searching = Boolean(results);
    const rows = results || entries.slice(0, listLimit);
    empty.hidden = searching || entries.length > 0 || current !== null;
    const found = morePossible ? `${rows.length} shown, newest first` : `${rows.length} found`;
    const partial = entries.length > rows.length ? `Newest ${rows.length} of ${entries.length}` : '';
    count.textContent = searching ? (rows.length ? found : 'Nothing found') : partial;
    more.textContent = searching ? 'Show older matches' : 'Show older entries';
    more.hidden = searching ? !morePossible : entries.length <= listLimit;
    for (const e of rows) {
      const titleNodes = searching
        ? (e.title.some((seg) => seg.text.trim()) ? segments(e.title) : ['Untitled'])
        : [e.title.trim() || 'Untitled'];
      list.append(el('li', {},
        el('button', {
          class: 'entry-link', dataset: { id: String(e.id) },
          attrs: e.id === current?.id ? { 'aria-current': 'true' } : {},
          on: { click: () => openId(e.id) },
        },
        el('span', { class: 'entry-title' }, ...titleNodes),
        searching && el('span', { class: 'snippet small' }, ...segments(e.snippet)),
        el('span', { class: 'small muted', text: `${when(e.createdAt)}${e.section && e.section !== 'free' ? ` · ${sectionName[e.section] || e.section}` : ''}` }))));
    }
  }

  async function openId(id) {
    // The list holds titles only; the entry is fetched whole when opened, after what was
    // being typed has been saved (so it can't come back older than the screen showed).
    flush();
    await saving;
    const entry = await ctx.api.journal.get(id).catch((e) => { if (!ctx.failed(e)) errors.show(e.message); return null; });
    if (entry) open(entry);
  }

  function open(entry, prompt = null) {
    flush();
    current = entry ? { ...entry } : { id: null, title: '', body: '', section: prompt ? prompt.section : 'free', prompt: prompt ? prompt.text : null };
    titleInput.value = current.title;
    bodyInput.value = current.body;
    promptBox.hidden = !current.prompt;
    clear(promptBox).append(el('p', { class: 'small muted', text: 'Prompt' }), el('p', { id: 'entry-prompt', text: current.prompt || '' }));
    status.textContent = '';
    editor.hidden = false;
    del.hidden = current.id === null;
    drawList(search.value.trim() ? hits : undefined);
    (entry || prompt ? bodyInput : titleInput).focus();
  }

  function save() {
    clearTimeout(timer);
    timer = null;
    if (!current) return saving;
    const target = current;
    const draft = { title: titleInput.value, body: bodyInput.value, section: target.section || 'free', prompt: target.prompt || null };
    if (target.id === null && !draft.title && !draft.body) return saving;
    status.textContent = 'Saving…';
    saving = saving.then(() => ctx.api.journal.save({ ...draft, id: target.id })).then((saved) => {
      target.id = saved.id;
      const i = entries.findIndex((e) => e.id === saved.id);
      if (i >= 0) entries[i] = saved; else entries.unshift(saved);
      if (target === current) { status.textContent = 'Saved'; del.hidden = false; }
      errors.show('');
      if (!search.value.trim()) drawList();
    }).catch((e) => {
      if (ctx.failed(e)) return;
      status.textContent = '';
      errors.show(`${e.message} What you typed is still here.`);
    });
    return saving;
  }

  function flush() { if (timer) save(); }
  function edited() { status.textContent = ''; clearTimeout(timer); timer = setTimeout(save, SAVE_AFTER_MS); }
  titleInput.addEventListener('input', edited);
  bodyInput.addEventListener('input', edited);

  async function runSearch() {
    const q = search.value.trim();
    if (!q) { hits = null; morePossible = false; await reload(); return; }
    const results = await ctx.api.journal.search({ query: q, ...filter() }).catch((e) => { if (!ctx.failed(e)) errors.show(e.message); });
    if (results && search.value.trim() === q) {
      hits = results;
      morePossible = results.length >= SEARCH_PAGE;
      drawList(hits);
    }
  }

  /** Draws the next page of entries below those already shown. */
  function showOlderEntries() {
    const firstNew = entries[listLimit];
    listLimit += LIST_PAGE;
    drawList();
    if (!more.hidden) more.focus();
    else if (firstNew) list.querySelector(`button[data-id="${firstNew.id}"]`)?.focus();
  }

  /** The next page of matches: entries older than the last one shown. */
  async function showMore() {
    const q = search.value.trim();
    if (!q || !hits || hits.length === 0) return;
    const before = hits[hits.length - 1].id;
    const page = await ctx.api.journal.search({ query: q, ...filter(), before }).catch((e) => { if (!ctx.failed(e)) errors.show(e.message); });
    if (!page || search.value.trim() !== q) return;
    hits = hits.concat(page);
    morePossible = page.length >= SEARCH_PAGE;
    drawList(hits);
    if (morePossible) more.focus();
    else list.querySelector(`button[data-id="${page.length ? page[0].id : before}"]`)?.focus();
  }
  search.addEventListener('input', () => { clearTimeout(searchTimer); searchTimer = setTimeout(runSearch, 60); });
  for (const f of [section, from, to]) f.addEventListener('change', () => (search.value.trim() ? runSearch() : reload()));

  promptPicker.addEventListener('change', () => {
    const p = prompts.find((x) => String(x.id) === promptPicker.value);
    promptPicker.value = '';
    if (p) open(null, p);
  });

  del.addEventListener('click', async () => {
    if (!current || current.id === null) return;
    const name = current.title.trim() || 'this untitled entry';
    if (!(await confirmDialog(`Delete “${name}” for good? This cannot be undone.`, 'Delete entry'))) return;
    clearTimeout(timer);
    timer = null;
    try {
      await ctx.api.journal.remove(current.id);
      entries = entries.filter((e) => e.id !== current.id);
      current = null;
      editor.hidden = true;
      drawList();
    } catch (e) {
      if (!ctx.failed(e)) errors.show(e.message);
    }
  });

  async function reload() {
    entries = await ctx.api.journal.list(filter());
    drawList();
  }

  ctx.api.journal.prompts().then((ps) => {
    prompts = ps;
    for (const [sec, name] of SECTIONS) {
      const group = ps.filter((p) => p.section === sec);
      if (group.length) promptPicker.append(el('optgroup', { label: name }, ...group.map((p) => el('option', { value: String(p.id), text: p.text }))));
    }
  }).catch(() => {});

  if (ctx.params.query) { search.value = ctx.params.query; runSearch(); } else {
    reload().catch((e) => { if (!ctx.failed(e)) errors.show(e.message); });
  }
  return () => { clearTimeout(searchTimer); return timer ? save() : saving; };
}
