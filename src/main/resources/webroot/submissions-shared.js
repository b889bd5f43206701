// What the dashboard's submission screens share (the list, one submission, the trash): their words
// in English and Khmer, the hash routes, calls with the user's token, the form versions that label
// the answers (fetched once each), and how a review state is shown.

import { api, el, fill, lang, NetworkError, readJson, REVIEW_STATE, t, TEXT, when, writeJson } from './common.js';
import { khmerDate, khmerNumber } from './format.js';

export const R = {
  submissions: { en: 'Submissions', km: 'ការបញ្ជូន' },
  trash: { en: 'Trash', km: 'ធុងសំរាម' },
  scorecard: { en: 'Scorecard', km: 'តារាងពិន្ទុ' },
  exports: { en: 'Get the data', km: 'ទាញយកទិន្នន័យ' },
  backToList: { en: '← Submissions', km: '← ការបញ្ជូន' },
  filters: { en: 'Filter', km: 'តម្រង' },
  form: { en: 'Questionnaire', km: 'កម្រងសំណួរ' },
  submitter: { en: 'Submitted by', km: 'បញ្ជូនដោយ' },
  anyone: { en: 'Anyone', km: 'គ្រប់គ្នា' },
  state: { en: 'Review state', km: 'ស្ថានភាពពិនិត្យ' },
  anyState: { en: 'Any state', km: 'គ្រប់ស្ថានភាព' },
  from: { en: 'Collected from', km: 'ប្រមូលចាប់ពី' },
  to: { en: 'Collected until', km: 'ប្រមូលរហូតដល់' },
  province: { en: 'Province', km: 'ខេត្ត' },
  anyProvince: { en: 'Every province', km: 'គ្រប់ខេត្ត' },
  show: { en: 'Show', km: 'បង្ហាញ' },
  clear: { en: 'Clear the filter', km: 'សម្អាតតម្រង' },
  shownN: { en: '{n} submissions on this page', km: 'ការបញ្ជូន {n} នៅលើទំព័រនេះ' },
  pageN: { en: 'Page {n}', km: 'ទំព័រ {n}' },
  none: { en: 'No submission matches the filter.', km: 'គ្មានការបញ្ជូនណាមួយត្រូវនឹងតម្រងទេ។' },
  nextPage: { en: 'Next page', km: 'ទំព័របន្ទាប់' },
  previousPage: { en: 'Previous page', km: 'ទំព័រមុន' },
  collected: { en: 'Collected', km: 'ប្រមូលនៅ' },
  received: { en: 'Received', km: 'ទទួលនៅ' },
  comment: { en: 'Comment', km: 'មតិយោបល់' },
  open: { en: 'Open', km: 'បើក' },
  version: { en: 'Answers version', km: 'កំណែចម្លើយ' },
  loadFailed: { en: 'The submissions could not be loaded.', km: 'មិនអាចផ្ទុកការបញ្ជូនបានទេ។' },
  reviewedBy: { en: 'by {username}, {at}', km: 'ដោយ {username} នៅ {at}' },
  noComment: { en: 'No comment.', km: 'គ្មានមតិយោបល់។' },
  noAnswer: { en: '(no answer)', km: '(គ្មានចម្លើយ)' },
  calculated: { en: '{name} (calculated)', km: '{name} (គណនាដោយម៉ាស៊ីនមេ)' },
};

export const STATES = ['received', 'approved', 'on_hold', 'rejected'];

export const STATE_LABEL = REVIEW_STATE;

/** The filter keys a list's route carries, as the API's list and bulk actions name them. */
export const FILTER_KEYS = ['submittedBy', 'state', 'from', 'to', 'province'];

/**
 * The screen a hash names: the list (#/submissions?form=…&province=…), one submission
 * (#/submissions/{form}/{instanceId}) or the trash (#/trash?form=…).
 */
export function route(hash = location.hash) {
  const [path, query] = hash.replace(/^#/, '').split('?');
  const params = new URLSearchParams(query || '');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'submissions' && parts.length === 3) {
    return { screen: 'one', form: parts[1], instanceId: parts[2] };
  }
  const filter = {};
  FILTER_KEYS.forEach((k) => {
    if (params.get(k)) {
      filter[k] = params.get(k);
    }
  });
  return { screen: parts[0] === 'trash' ? 'trash' : 'list', form: params.get('form'), filter };
}

export function isSubmissionsRoute(hash = location.hash) {
  return /^#\/(submissions|trash)(\/|\?|$)/.test(hash);
}

export function listHash(form, filter = {}) {
  const params = new URLSearchParams();
  if (form) {
    params.set('form', form);
  }
  FILTER_KEYS.forEach((k) => {
    if (filter[k]) {
      params.set(k, filter[k]);
    }
  });
  return '#/submissions?' + params.toString();
}

export function oneHash(form, instanceId) {
  return '#/submissions/' + encodeURIComponent(form) + '/' + encodeURIComponent(instanceId);
}

export function formPath(form) {
  return '/api/v1/forms/' + encodeURIComponent(form);
}

/**
 * What the screens tell each other: the list's last route (so that "back" returns to the same
 * filter), whether what it shows has changed since, a message for it to show, and what it focuses
 * when shown again (the row of the submission last opened, or that message).
 */
export const memory = { listHash: null, stale: true, flash: null, returnTo: null };

/** A call with the user's token: null when there was no answer (said on the status line) or the session has ended. */
export function caller(env) {
  return async (path, options = {}) => {
    let res;
    try {
      res = await api(path, Object.assign({ token: env.auth.token }, options));
    } catch (e) {
      env.say(e instanceof NetworkError ? TEXT.offline : TEXT.serverError);
      return null;
    }
    if (res.status === 401) {
      env.ended();
      return null;
    }
    return res;
  };
}

let formList = null;

/** The forms, for the questionnaire picker (fetched once per page). */
export async function forms(call) {
  if (!formList) {
    const res = await call('/api/v1/forms');
    if (!res || !res.ok || !Array.isArray(res.body)) {
      return [];
    }
    formList = res.body;
  }
  return formList;
}

const FORM_KEY = 'tonle.dash.form';

/** The questionnaire a screen shows: the one its route names (remembered), else the last one chosen, else the first. */
export function chosenForm(named, all) {
  const known = (id) => id && all.some((f) => f.id === id);
  if (known(named)) {
    writeJson(FORM_KEY, named);
    return named;
  }
  const last = readJson(FORM_KEY);
  return known(last) ? last : all[0] && all[0].id;
}

const definitions = new Map();

/** A version of a form (the current one when version is null), whose labels name the answers; fetched once. */
export function definition(call, form, version) {
  const key = form + '@' + (version || '');
  if (!definitions.has(key)) {
    const path = formPath(form) + (version ? '/versions/' + encodeURIComponent(version) : '');
    definitions.set(key, call(path).then((res) => {
      if (!res || !res.ok) {
        definitions.delete(key);
        return null;
      }
      return res.body;
    }));
  }
  return definitions.get(key);
}

/** The questions of a definition in order, groups flattened, each with its list of choices. */
export function questionsOf(def) {
  const out = [];
  const lists = (def && def.choices) || {};
  const walk = (nodes) => (nodes || []).forEach((node) => {
    if (node.type === 'group') {
      walk(node.questions);
    } else {
      out.push(Object.assign({}, node, {
        choiceList: typeof node.choices === 'string' ? (lists[node.choices] || []) : (node.choices || []),
      }));
    }
  });
  walk(def && def.questions);
  return out;
}

/** An answer as the reader's language writes it: choice labels, Khmer digits and dates. */
export function answerText(q, value) {
  if (value === null || value === undefined) {
    return t(R.noAnswer);
  }
  const label = (v) => {
    const c = q && q.choiceList.find((choice) => choice.value === v);
    return c ? t(c.label) : String(v);
  };
  if (Array.isArray(value)) {
    return value.map(label).join('; ');
  }
  if (typeof value === 'number') {
    return lang() === 'km' ? khmerNumber(String(value)) : String(value);
  }
  if (q && (q.type === 'select_one')) {
    return label(value);
  }
  return dateText(value);
}

/** A question's label in the reader's language; a calculation, which has none, by its name. */
export function questionLabel(q, name) {
  if (q && q.label) {
    return t(q.label);
  }
  return q && q.type === 'calculate' ? t(fill(R.calculated, { name })) : name;
}

/** A date or a moment in the reader's language; a bare date (a restricted form's) stays a date. */
export function dateText(value) {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return lang() === 'km' ? khmerDate(value) : value;
  }
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) {
    return when(value);
  }
  return String(value);
}

/** A short name for a submission, unique enough on a screen: when it was collected and its id's first characters. */
export function submissionName(s) {
  const id = String(s.instanceId || '').replace(/^uuid:/, '').slice(0, 8);
  return dateText(s.collectedAt || s.receivedAt || '') + ' · ' + id;
}

export function stateBadge(state, id) {
  return el('span', { class: 'state', 'data-state': state, id }, t(STATE_LABEL[state] || { en: state, km: state }));
}

/** Moves keyboard and screen-reader focus to a node (a heading, a message, a row) that just changed. */
export function focusOn(node) {
  if (!node) {
    return;
  }
  if (!node.matches('a, button, input, select, textarea') && !node.hasAttribute('tabindex')) {
    node.setAttribute('tabindex', '-1');
  }
  node.focus();
}

/** The provinces a form offers (its `province` question's choices), for the filter. */
export function provinceChoices(def) {
  const q = questionsOf(def).find((question) => question.name === 'province');
  return q ? q.choiceList : [];
}
