// A living document: a few questions answered in your own words, saved by itself, with
// one dated version per day so you can see how your answers changed and bring an older
// wording back. Serves Needs & boundaries, the accountability plan, the honesty
// reflection and the recommitment reflection.

import { el, clear } from '../dom.js';
import { errorBox, statusLine } from '../forms.js';
import { today } from '../api.js';
import { emptyState } from './empty.js';

const SAVE_AFTER_MS = 800;

/** The documents, their questions and the words around them. */
export const KINDS = {
  needs: {
    title: 'Needs and boundaries',
    intro: 'Three questions worth returning to. Your answers can change as you do; each day you write keeps its own version.',
    frame: 'After a betrayal, looking after yourself comes first, and knowing what you need and what you will no longer accept is part of that.',
    fields: [
      { key: 'relationship', label: 'What do I need in this relationship?', hint: 'Safety, honesty, time, affection… whatever is true for you.' },
      { key: 'fromPartner', label: 'What do I need from my partner?', hint: 'Specific things they could do, say, or stop doing.' },
      { key: 'wontTolerate', label: 'What will I no longer put up with?', hint: 'A boundary is about what you will do, not about controlling someone else.' },
    ],
  },
  accountability: {
    title: 'My accountability plan',
    intro: 'Keeping yourself on track is your work, not your partner’s. Write down what sets you off and the systems and people you will lean on, so that your partner does not have to watch over you.',
    frame: 'A plan you have written down, with people and safeguards you chose yourself, is easier to hold on to on a hard day than a good intention.',
    fields: [
      { key: 'myTriggers', label: 'What situations or feelings pull me towards the old behaviour?' },
      { key: 'mySystems', label: 'What systems will I put in place myself?', hint: 'Blockers you set up, routines, removing apps or contacts, reporting to a counsellor or group.' },
      { key: 'mySupports', label: 'Who or what supports me, apart from my partner?' },
      { key: 'whenISlip', label: 'If I slip, what will I do, and how will I tell the truth about it?' },
    ],
  },
  honesty: {
    title: 'Honesty reflection',
    intro: 'Trust grows back only on the whole truth. This is a private place to get clear on what still needs to be said, before you say it.',
    frame: 'Leaving things out, or making them sound smaller, keeps mistrust alive; telling it all, gently and without defending yourself, gives trust room to grow.',
    fields: [
      { key: 'whatHappened', label: 'What did I do, in plain words?' },
      { key: 'notYetSaid', label: 'What have I not told my partner yet?' },
      { key: 'whatMakesItHard', label: 'What makes it hard to say?' },
      { key: 'nextStep', label: 'What is my next honest step?' },
    ],
  },
  recommitment: {
    title: 'Recommitment',
    intro: 'Rebuilding only works when both people really want to try. It is fine not to know yet; writing it down can help you see where you stand.',
    frame: 'Trying again is very hard while either of you has one foot out the door. Being honest with yourself about that is a good place to begin, whatever the answer.',
    fields: [
      { key: 'whyStay', label: 'Why do I want to try?' },
      { key: 'oneFootOut', label: 'Do I have one foot out of the door? What would it take to bring it in, or to say so?' },
      { key: 'willingToDo', label: 'What am I willing to do?' },
      { key: 'needToStay', label: 'What would I need in order to stay?' },
    ],
  },
};

function dayLabel(day) {
  const d = new Date(`${day}T12:00:00`);
  return Number.isNaN(d.getTime()) ? day : d.toLocaleDateString(undefined, { dateStyle: 'long' });
}

/** Renders the document named by `ctx.params.kind`. */
export function render(root, ctx) {
  const kind = ctx.params.kind;
  const spec = KINDS[kind];
  const errors = errorBox();
  const status = statusLine('save-status');
  const monitoring = el('p', { class: 'notice', id: 'monitoring-note', hidden: true, attrs: { role: 'note' },
    text: 'It sounds as if part of this plan asks your partner to watch over you. Carrying that is an extra weight for them; consider a system you keep yourself, or someone else you answer to.' });
  const inputs = {};
  let timer = null;
  let saving = Promise.resolve();
  const versionList = el('ul', { class: 'version-list', id: 'version-list' });
  const empty = emptyState('doc-empty',
    'Nothing is written here yet. Start with whichever question feels easiest; the others can stay empty.',
    spec.frame, { text: 'Start with the first question', onClick: () => Object.values(inputs)[0]?.focus() });
  empty.hidden = true;
  const viewer = el('div', { class: 'version-viewer', id: 'version-viewer', hidden: true });

  const form = el('div', { class: 'doc-fields' }, ...spec.fields.map((f) => {
    const area = el('textarea', { id: `doc-${f.key}`, rows: 4 });
    inputs[f.key] = area;
    area.addEventListener('input', edited);
    return el('div', { class: 'field' },
      el('label', { htmlFor: area.id, text: f.label }),
      f.hint && el('p', { class: 'hint', text: f.hint }),
      area);
  }));

  root.append(el('section', { class: 'content', attrs: { 'aria-labelledby': 'doc-title' } },
    el('h1', { id: 'doc-title', text: spec.title }),
    el('p', { class: 'lead', text: spec.intro }),
    empty, errors, form, monitoring, status,
    el('h2', { text: 'Earlier versions' }),
    el('p', { class: 'muted small', text: 'One version is kept for each day you write. Nothing here is graded; it is only a record of your own words.' }),
    versionList, viewer));

  function fields() {
    return Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, v.value]));
  }

  function edited() {
    status.textContent = '';
    clearTimeout(timer);
    timer = setTimeout(save, SAVE_AFTER_MS);
  }

  function save() {
    clearTimeout(timer);
    timer = null;
    const snapshot = fields();
    status.textContent = 'Saving…';
    saving = saving.then(() => ctx.api.docs.save(kind, today(), snapshot)).then(() => {
      status.textContent = 'Saved';
      empty.hidden = true;
      errors.show('');
      if (kind === 'accountability') checkMonitoring(snapshot);
      return refreshVersions();
    }).catch((e) => {
      if (ctx.failed(e)) return;
      status.textContent = '';
      errors.show(`${e.message} What you typed is still here.`);
    });
    return saving;
  }

  async function checkMonitoring(snapshot) {
    const text = Object.values(snapshot).join('\n');
    const r = await ctx.api.docs.accountabilityCheck(text).catch(() => ({ monitoring: false }));
    monitoring.hidden = !r.monitoring;
  }

  async function showVersion(id) {
    const v = await ctx.api.docs.version(id).catch((e) => { if (!ctx.failed(e)) errors.show(e.message); });
    if (!v) return;
    const restore = el('button', { id: 'version-restore', text: 'Use this wording today' });
    restore.addEventListener('click', async () => {
      const r = await ctx.api.docs.restore(id, today()).catch((e) => { if (!ctx.failed(e)) errors.show(e.message); });
      if (!r) return;
      for (const [k, input] of Object.entries(inputs)) input.value = r.fields[k] || '';
      viewer.hidden = true;
      status.textContent = 'Saved';
      refreshVersions();
    });
    clear(viewer).append(
      el('h3', { text: `Your words on ${dayLabel(v.day)}` }),
      ...spec.fields.map((f) => el('div', { class: 'version-field' },
        el('p', { class: 'small muted', text: f.label }),
        el('p', { class: 'pre', text: v.fields[f.key] || '—' }))),
      el('div', { class: 'row' }, restore, el('button', { text: 'Close', on: { click: () => { viewer.hidden = true; } } })));
    viewer.hidden = false;
    restore.focus();
  }

  async function refreshVersions() {
    const doc = await ctx.api.docs.get(kind);
    clear(versionList);
    const older = doc.versions.filter((v) => v.id !== doc.current?.id);
    if (!older.length) versionList.append(el('li', { class: 'muted small', text: 'None yet. When you write here on a later day, the earlier wording is kept here.' }));
    for (const v of older) {
      versionList.append(el('li', {},
        el('button', { class: 'version-link', dataset: { id: String(v.id) }, on: { click: () => showVersion(v.id) } },
          el('span', { text: dayLabel(v.day) }),
          el('span', { class: 'small muted', text: v.preview || '' }))));
    }
    return doc;
  }

  refreshVersions().then((doc) => {
    if (doc.current) for (const [k, input] of Object.entries(inputs)) input.value = doc.current.fields[k] || '';
    empty.hidden = Boolean(doc.current);
    if (kind === 'accountability' && doc.current) checkMonitoring(doc.current.fields);
  }).catch((e) => { if (!ctx.failed(e)) errors.show(e.message); });

  return () => (timer ? save() : saving);
}
