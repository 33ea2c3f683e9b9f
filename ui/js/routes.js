// The screens beyond the first one. app.js loads this module (and through it every view
// below) once the lock screen has painted, so start-up fetches and runs only what the
// first screen shows; unlocking waits for it, which by then has long finished.

import * as firstrun from './views/firstrun.js';
import * as home from './views/home.js';
import * as journal from './views/journal.js';
import * as settings from './views/settings.js';
import * as checkin from './views/checkin.js';
import * as waves from './views/waves.js';
import * as triggers from './views/triggers.js';
import * as documentView from './views/document.js';
import * as questions from './views/questions.js';
import * as rewoo from './views/rewoo.js';
import * as checklist from './views/checklist.js';
import * as screener from './views/screener.js';
import * as history from './views/history.js';
import * as prep from './views/prep.js';
import * as apology from './views/apology.js';
import * as builder from './views/builder.js';

export { watchDamage } from './health.js';

/** Screens by name, as in app.js's ROUTES. The four living documents share one view. */
export const ROUTES = {
  firstrun: { view: firstrun },
  home: { view: home }, checkin: { view: checkin }, waves: { view: waves }, triggers: { view: triggers },
  journal: { view: journal }, settings: { view: settings }, questions: { view: questions }, rewoo: { view: rewoo },
  needs: { view: documentView, params: { kind: 'needs' } },
  recommitment: { view: documentView, params: { kind: 'recommitment' } },
  accountability: { view: documentView, params: { kind: 'accountability' } },
  honesty: { view: documentView, params: { kind: 'honesty' } },
  checklist: { view: checklist }, history: { view: history }, prep: { view: prep },
  apology: { view: apology }, builder: { view: builder },
  gad7: { view: screener, params: { kind: 'gad7' } },
  phq9: { view: screener, params: { kind: 'phq9' } },
};
