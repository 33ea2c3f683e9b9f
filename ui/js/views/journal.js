// The journal: a list of entries beside an editor that saves by itself. "Saved" appears
// only after Rust reports the database commit.

import { el, clear } from '../dom.js';
import { confirmDialog, errorBox, field, statusLine } from '../forms.js';

export const title = 'Journal';

const SAVE_AFTER_MS = 700;

function when(iso) {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** Renders the journal. */
export function render(root, ctx) {
  let entries = [];
  let current = null; // { id, title, body } being edited
  let timer = null;
  let saving = Promise.resolve();

  const errors = errorBox();
  const status = statusLine('save-status');
  const list = el('ul', { class: 'entry-list', id: 'entry-list', attrs: { 'aria-label': 'Entries' } });
  const titleInput = el('input', { type: 'text', id: 'entry-title', autocomplete: 'off' });
  const bodyInput = el('textarea', { id: 'entry-body', rows: 14 });
  const del = el('button', { class: 'danger', id: 'entry-delete', text: 'Delete entry', hidden: true });
  const editor = el('div', { class: 'editor', hidden: true },
    field('Title', titleInput),
    field('Entry', bodyInput),
    el('div', { class: 'row' }, status, del));
  const empty = el('div', { class: 'empty card', id: 'journal-empty' },
    el('p', { text: 'The journal is for anything you want to get out of your head: what happened today, what you felt, what you are unsure about.' }),
    el('p', { class: 'muted', text: 'Writing things down can make strong feelings easier to look at. Nobody else can read it.' }));

  root.append(el('section', { class: 'content', attrs: { 'aria-labelledby': 'journal-title' } },
    el('div', { class: 'row spread' },
      el('h1', { id: 'journal-title', text: 'Journal' }),
      el('button', { class: 'primary', id: 'entry-new', text: 'New entry', on: { click: () => open(null) } })),
    errors,
    el('div', { class: 'journal' }, list, editor),
    empty));

  function drawList() {
    clear(list);
    empty.hidden = entries.length > 0 || current !== null;
    for (const e of entries) {
      list.append(el('li', {},
        el('button', {
          class: 'entry-link', dataset: { id: String(e.id) },
          attrs: e.id === current?.id ? { 'aria-current': 'true' } : {},
          on: { click: () => open(e) },
        },
        el('span', { class: 'entry-title', text: e.title.trim() || 'Untitled' }),
        el('span', { class: 'small muted', text: when(e.createdAt) }))));
    }
  }

  function open(entry) {
    flush();
    current = entry ? { ...entry } : { id: null, title: '', body: '' };
    titleInput.value = current.title;
    bodyInput.value = current.body;
    status.textContent = '';
    editor.hidden = false;
    del.hidden = current.id === null;
    drawList();
    (entry ? bodyInput : titleInput).focus();
  }

  function save() {
    clearTimeout(timer);
    timer = null;
    if (!current) return saving;
    const draft = { id: current.id, title: titleInput.value, body: bodyInput.value };
    if (draft.id === null && !draft.title && !draft.body) return saving;
    const target = current;
    status.textContent = 'Saving…';
    saving = saving.then(() => ctx.api.journal.save({ ...draft, id: target.id })).then((saved) => {
      target.id = saved.id;
      const i = entries.findIndex((e) => e.id === saved.id);
      if (i >= 0) entries[i] = saved; else entries.unshift(saved);
      if (target === current) {
        status.textContent = 'Saved';
        del.hidden = false;
      }
      errors.show('');
      drawList();
    }).catch((e) => {
      if (ctx.failed(e)) return;
      status.textContent = '';
      errors.show(`${e.message} What you typed is still here.`);
    });
    return saving;
  }

  function flush() {
    if (timer) save();
  }

  function edited() {
    status.textContent = '';
    clearTimeout(timer);
    timer = setTimeout(save, SAVE_AFTER_MS);
  }
  titleInput.addEventListener('input', edited);
  bodyInput.addEventListener('input', edited);

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

  ctx.api.journal.list().then((all) => {
    entries = all;
    drawList();
  }).catch((e) => { if (!ctx.failed(e)) errors.show(e.message); });

  return () => flush();
}
