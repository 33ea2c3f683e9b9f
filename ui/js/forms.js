// Small form helpers shared by the screens: labelled fields, one error box per form,
// buttons that show they are busy, and the passphrase field with its strength note.

import { el, uniqueId } from './dom.js';

/** A labelled field: returns the wrapper; the control keeps its own id. */
export function field(labelText, control, hintText) {
  if (!control.id) control.id = uniqueId('f');
  const hint = hintText ? el('p', { class: 'hint', id: `${control.id}-hint`, text: hintText }) : null;
  if (hint) control.setAttribute('aria-describedby', hint.id);
  return el('div', { class: 'field' }, el('label', { htmlFor: control.id, text: labelText }), control, hint);
}

/** An error area announced to screen readers; `show(msg)` / `show('')` to clear. */
export function errorBox() {
  const box = el('p', { class: 'error', attrs: { role: 'alert' }, hidden: true });
  box.show = (message) => {
    box.textContent = message || '';
    box.hidden = !message;
  };
  return box;
}

/** A quiet status line ("Saved", "Working…") announced politely. */
export function statusLine(id) {
  return el('p', { class: 'status small muted', id, attrs: { role: 'status', 'aria-live': 'polite' } });
}

/**
 * Runs `work` while `button` shows it is busy; errors go to `errors.show`.
 * Returns the work's result, or undefined when it failed.
 */
export async function busy(button, errors, work, { label = 'Working…', onError } = {}) {
  const text = button.textContent;
  button.disabled = true;
  button.textContent = label;
  button.setAttribute('aria-busy', 'true');
  errors?.show('');
  try {
    return await work();
  } catch (e) {
    if (onError && onError(e)) return undefined;
    errors?.show(e?.message || 'Something went wrong. Nothing was changed.');
    return undefined;
  } finally {
    button.disabled = false;
    button.textContent = text;
    button.removeAttribute('aria-busy');
  }
}

/** A password input that never autocompletes, spellchecks or leaves the field. */
export function secretInput(id, autocomplete = 'off') {
  return el('input', {
    type: 'password', id, autocomplete, spellcheck: false,
    attrs: { autocapitalize: 'off', autocorrect: 'off' },
  });
}

/** Clears secret fields once they have been used. */
export function wipe(...inputs) {
  for (const input of inputs) input.value = '';
}

/**
 * Asks once before something irreversible. Resolves true when confirmed. Esc or
 * Cancel resolves false.
 */
export function confirmDialog(message, confirmLabel) {
  return new Promise((resolve) => {
    const yes = el('button', { class: 'danger', id: 'confirm-yes', text: confirmLabel });
    const no = el('button', { id: 'confirm-no', text: 'Cancel' });
    const dialog = el('dialog', { class: 'confirm', attrs: { 'aria-labelledby': 'confirm-text' } },
      el('p', { id: 'confirm-text', text: message }),
      el('div', { class: 'row' }, no, yes));
    // Focus goes back where it was (or to the screen's heading if that is gone).
    const returnTo = document.activeElement;
    const finish = (answer) => {
      dialog.close();
      dialog.remove();
      const back = returnTo && returnTo.isConnected ? returnTo : document.querySelector('#main h1');
      if (back) {
        if (back.tagName === 'H1') back.tabIndex = -1;
        back.focus({ preventScroll: true });
      }
      resolve(answer);
    };
    yes.addEventListener('click', () => finish(true));
    no.addEventListener('click', () => finish(false));
    dialog.addEventListener('cancel', (e) => { e.preventDefault(); finish(false); });
    document.body.append(dialog);
    dialog.showModal();
    no.focus();
  });
}
