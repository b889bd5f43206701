// The dashboard's list of submissions (#/submissions), for supervisors, analysts and admins:
// filtered by questionnaire, submitter, review state, dates and province, a page at a time, and a
// review or a move to the trash of everything the filter selects, once its count has been
// confirmed. A supervisor's list, and their bulk actions, hold their team's submissions only: the
// server sees to it.

import { el, errorMessage, fill, show, t, TEXT } from './common.js';
import {
  R, STATES, STATE_LABEL, answerText, caller, chosenForm, definition, focusOn, formPath, forms, listHash, memory, oneHash,
  provinceChoices, questionsOf, route, stateBadge, submissionName,
} from './submissions-shared.js';

const PAGE = 25;

const L = {
  bulkTitle: { en: 'Change every submission the filter selects', km: 'ផ្លាស់ប្ដូរការបញ្ជូនទាំងអស់ដែលតម្រងជ្រើសរើស' },
  bulkScope: { en: 'On every page, not only this one. Filter: {filter}.', km: 'នៅលើគ្រប់ទំព័រ មិនមែនតែទំព័រនេះទេ។ តម្រង៖ {filter}។' },
  noFilter: { en: 'none, every submission of the questionnaire', km: 'គ្មាន គឺការបញ្ជូនទាំងអស់នៃកម្រងសំណួរ' },
  setState: { en: 'Set the review state to', km: 'កំណត់ស្ថានភាពពិនិត្យជា' },
  commentHint: { en: 'Needed to reject: say why, so that it can be followed up.', km: 'ត្រូវការនៅពេលបដិសេធ៖ សូមប្រាប់មូលហេតុ ដើម្បីអាចតាមដានបន្តបាន។' },
  commentRequired: { en: 'Write a comment that says why these submissions are rejected.', km: 'សូមសរសេរមតិយោបល់ដែលប្រាប់ពីមូលហេតុដែលការបញ្ជូនទាំងនេះត្រូវបានបដិសេធ។' },
  previewReview: { en: 'Review all that match…', km: 'ពិនិត្យទាំងអស់ដែលត្រូវគ្នា…' },
  previewDelete: { en: 'Move all that match to the trash…', km: 'ផ្លាស់ទាំងអស់ដែលត្រូវគ្នាទៅធុងសំរាម…' },
  confirmTitle: { en: 'Check before anything changes', km: 'សូមពិនិត្យមុនពេលមានការផ្លាស់ប្ដូរ' },
  willReview: { en: '{changed} of the {matched} submissions that match the filter will be set to “{state}”.', km: 'ការបញ្ជូន {changed} ក្នុងចំណោម {matched} ដែលត្រូវនឹងតម្រង នឹងត្រូវកំណត់ជា «{state}»។' },
  wontReview: { en: 'Nothing will change: the {matched} submissions that match are “{state}” with this comment already.', km: 'គ្មានអ្វីផ្លាស់ប្ដូរទេ៖ ការបញ្ជូន {matched} ដែលត្រូវគ្នា គឺ «{state}» ជាមួយមតិយោបល់នេះរួចហើយ។' },
  willDelete: { en: '{changed} submissions that match the filter will be moved to the trash. They stop counting in the scores, and can be restored from the trash.', km: 'ការបញ្ជូន {changed} ដែលត្រូវនឹងតម្រង នឹងត្រូវផ្លាស់ទៅធុងសំរាម។ វាឈប់រាប់ក្នុងពិន្ទុ ហើយអាចស្ដារមកវិញពីធុងសំរាមបាន។' },
  confirmReview: { en: 'Set {changed} to “{state}”', km: 'កំណត់ {changed} ជា «{state}»' },
  confirmDelete: { en: 'Move {changed} to the trash', km: 'ផ្លាស់ {changed} ទៅធុងសំរាម' },
  cancel: { en: 'Cancel', km: 'បោះបង់' },
  cancelled: { en: 'Nothing was changed.', km: 'គ្មានអ្វីត្រូវបានផ្លាស់ប្ដូរទេ។' },
  reviewed: { en: '{changed} submissions set to “{state}” ({matched} matched the filter).', km: 'ការបញ្ជូន {changed} ត្រូវបានកំណត់ជា «{state}» (ត្រូវនឹងតម្រង {matched})។' },
  deleted: { en: '{changed} submissions moved to the trash.', km: 'ការបញ្ជូន {changed} ត្រូវបានផ្លាស់ទៅធុងសំរាម។' },
  action: { en: 'State to set', km: 'ស្ថានភាពដែលត្រូវកំណត់' },
};

const list = {
  key: null, // the route (questionnaire and filter) whose page is shown
  form: null,
  filter: {},
  after: null, // the cursor of the page shown (null: the first page)
  earlier: [], // the cursors of the pages before it
  page: null,
  def: null,
  submitters: new Map(),
  input: { state: 'approved', comment: '' },
  bulk: null, // a bulk action counted and waiting to be confirmed: {kind, state, comment, matched, changed}
  bulkError: null,
  result: null,
  focus: null, // after drawing: 'results', 'confirm', 'message', 'comment', or the instanceId of a row
};

/** Draws the list the hash names; fetches it when navigated to, or when something changed (a language switch only draws). */
export async function renderList(view, env) {
  const call = caller(env);
  const hash = location.hash;
  const all = await forms(call);
  const wanted = route();
  const form = chosenForm(wanted.form, all);
  if (!form) {
    show(view, el('p', { class: 'note' }, t(R.loadFailed)));
    return;
  }
  const key = listHash(form, wanted.filter);
  if (key !== list.key) {
    Object.assign(list, { key, form, filter: wanted.filter, after: null, earlier: [], page: null, bulk: null, bulkError: null, result: null });
    memory.stale = true;
  }
  if (env.fresh) {
    list.result = null;
    list.bulk = null;
  }
  if (memory.flash) {
    list.result = memory.flash;
    memory.flash = null;
  }
  if (memory.returnTo) {
    list.focus = list.focus || memory.returnTo;
    memory.returnTo = null;
  }
  memory.listHash = key;
  if (memory.stale || !list.page || env.fresh) {
    if (!list.page) {
      show(view, el('p', { class: 'loading' }, t(TEXT.loading)));
    }
    if (!(await load(call, env)) || location.hash !== hash) {
      return;
    }
  }
  draw(view, env, call, all);
}

async function load(call, env) {
  const params = new URLSearchParams({ limit: String(PAGE) });
  Object.entries(list.filter).forEach(([k, v]) => params.set(k, v));
  if (list.after) {
    params.set('after', list.after);
  }
  const [res, def] = await Promise.all([
    call(formPath(list.form) + '/submissions?' + params.toString()),
    definition(call, list.form, null),
    loadSubmitters(call, list.form),
  ]);
  if (!res) {
    return false;
  }
  if (!res.ok) {
    env.say(errorMessage(res.body, R.loadFailed));
    return false;
  }
  list.page = res.body;
  list.def = def;
  memory.stale = false;
  return true;
}

async function loadSubmitters(call, form) {
  if (!list.submitters.has(form)) {
    const res = await call(formPath(form) + '/submitters');
    if (res && res.ok) {
      list.submitters.set(form, res.body.submitters || []);
    }
  }
}

function draw(view, env, call, all) {
  const mayTrash = env.auth.role !== 'supervisor'; // analysts and admins: the trash, and the scores
  show(view,
    el('div', { class: 'who' }, el('h1', { id: 'submissions-title' }, t(R.submissions)),
      el('div', { class: 'links' },
        mayTrash ? el('a', { href: '#', class: 'link', id: 'scorecard-link' }, t(R.scorecard)) : null,
        mayTrash ? el('a', { href: '#/trash?form=' + encodeURIComponent(list.form), class: 'link', id: 'trash-link' }, t(R.trash)) : null,
        el('a', { href: '#/exports', class: 'link', id: 'exports-link' }, t(R.exports)),
        el('button', { type: 'button', class: 'link', id: 'logout', onclick: env.logOut }, t(TEXT.logout)))),
    filterForm(all, view, env, call),
    list.result ? el('p', { class: 'message', id: 'sub-message' }, t(list.result)) : null,
    results(view, env, call),
    bulkPanel(view, env, call, mayTrash));
  const focus = list.focus;
  list.focus = null;
  if (focus === 'results') {
    focusOn(document.getElementById('sub-results-title'));
  } else if (focus === 'confirm') {
    focusOn(document.getElementById('bulk-confirm-title'));
  } else if (focus === 'message') {
    focusOn(document.getElementById('sub-message'));
  } else if (focus === 'comment') {
    focusOn(document.getElementById('bulk-comment'));
  } else if (focus) {
    const row = [...view.querySelectorAll('#sub-table tr[data-instance-id]')].find((r) => r.dataset.instanceId === focus);
    focusOn(row ? row.querySelector('a') : document.getElementById('sub-results-title'));
  }
}

function select(id, name, options, value) {
  return el('select', { id, name }, options.map(([v, label]) => el('option', { value: v, selected: v === (value || '') }, label)));
}

function field(id, label, control) {
  return el('div', { class: 'field' }, el('label', { for: id }, t(label)), control);
}

function filterForm(all, view, env, call) {
  const f = list.filter;
  const people = list.submitters.get(list.form) || [];
  const provinces = provinceChoices(list.def);
  const formSelect = select('f-form', 'form', all.map((x) => [x.id, t(x.title)]), list.form);
  const controls = {
    submittedBy: people.length === 0 ? null : select('f-submitter', 'submittedBy', [['', t(R.anyone)], ...people.map((p) => [p.id, p.username])], f.submittedBy),
    state: select('f-state', 'state', [['', t(R.anyState)], ...STATES.map((s) => [s, t(STATE_LABEL[s])])], f.state),
    from: el('input', { type: 'date', id: 'f-from', name: 'from', value: f.from || '' }),
    to: el('input', { type: 'date', id: 'f-to', name: 'to', value: f.to || '' }),
    province: provinces.length === 0 ? null
      : select('f-province', 'province', [['', t(R.anyProvince)], ...provinces.map((c) => [c.value, t(c.label)])], f.province),
  };
  const form = el('form', { id: 'sub-filter', class: 'card filters', role: 'search', 'aria-labelledby': 'sub-filter-title', novalidate: true },
    el('h2', { id: 'sub-filter-title' }, t(R.filters)),
    el('div', { class: 'filter-grid' },
      field('f-form', R.form, formSelect),
      controls.submittedBy ? field('f-submitter', R.submitter, controls.submittedBy) : null,
      field('f-state', R.state, controls.state),
      controls.province ? field('f-province', R.province, controls.province) : null,
      field('f-from', R.from, controls.from),
      field('f-to', R.to, controls.to)),
    el('div', { class: 'actions' },
      el('button', { type: 'submit', class: 'primary', id: 'f-show' }, t(R.show)),
      el('a', { href: listHash(list.form), class: 'link', id: 'f-clear' }, t(R.clear))));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const filter = {};
    Object.entries(controls).forEach(([k, c]) => {
      if (c && c.value) {
        filter[k] = c.value;
      }
    });
    const next = listHash(formSelect.value, filter);
    list.focus = 'results';
    if (next === location.hash) {
      memory.stale = true;
      renderList(view, env);
    } else {
      location.hash = next;
    }
  });
  return form;
}

function provinceOf(s) {
  const q = questionsOf(list.def).find((question) => question.name === 'province');
  return s.answers && s.answers.province !== undefined ? answerText(q, s.answers.province) : '—';
}

function results(view, env, call) {
  const items = list.page.submissions || [];
  const title = t(fill(R.shownN, { n: items.length })) + ' · ' + t(fill(R.pageN, { n: list.earlier.length + 1 }));
  const table = el('table', { id: 'sub-table', class: 'submissions' },
    el('thead', {}, el('tr', {},
      [R.collected, R.submitter, R.province, R.state, R.comment].map((h) => el('th', { scope: 'col' }, t(h))))),
    el('tbody', {}, items.map((s) => el('tr', { 'data-instance-id': s.instanceId, 'data-state': s.review.state },
      el('td', {}, el('a', { href: oneHash(list.form, s.instanceId), class: 'sub-link' }, submissionName(s))),
      el('td', {}, s.submittedBy || '—'),
      el('td', {}, provinceOf(s)),
      el('td', {}, stateBadge(s.review.state)),
      el('td', { class: 'comment-cell' }, s.review.comment || '')))));
  const turn = (forward) => async () => {
    const before = { after: list.after, earlier: [...list.earlier] };
    if (forward) {
      list.earlier.push(list.after);
      list.after = list.page.next;
    } else {
      list.after = list.earlier.pop() || null;
    }
    if (await load(call, env)) {
      list.focus = 'results';
      draw(view, env, call, await forms(call));
    } else {
      Object.assign(list, before); // still on the page shown
    }
  };
  return el('section', { id: 'sub-results' }, // its table is the region, named by the same heading
    el('h2', { id: 'sub-results-title' }, title),
    items.length === 0 ? el('p', { class: 'note', id: 'sub-none' }, t(R.none))
      : el('div', { class: 'table-wrap', role: 'region', tabindex: '0', 'aria-labelledby': 'sub-results-title' }, table),
    el('div', { class: 'actions pager' },
      el('button', { type: 'button', id: 'prev-page', disabled: list.earlier.length === 0, onclick: turn(false) }, t(R.previousPage)),
      el('button', { type: 'button', id: 'next-page', disabled: !list.page.next, onclick: turn(true) }, t(R.nextPage))));
}

/** The filter in words, so that nobody confirms a bulk action on a filter they did not mean. */
function filterWords() {
  const f = list.filter;
  const parts = [];
  if (f.submittedBy) {
    const who = (list.submitters.get(list.form) || []).find((p) => p.id === f.submittedBy);
    parts.push(t(R.submitter) + ': ' + (who ? who.username : f.submittedBy));
  }
  if (f.state) {
    parts.push(t(R.state) + ': ' + t(STATE_LABEL[f.state]));
  }
  if (f.province) {
    const c = provinceChoices(list.def).find((choice) => choice.value === f.province);
    parts.push(t(R.province) + ': ' + (c ? t(c.label) : f.province));
  }
  if (f.from) {
    parts.push(t(R.from) + ' ' + f.from);
  }
  if (f.to) {
    parts.push(t(R.to) + ' ' + f.to);
  }
  return parts.length === 0 ? t(L.noFilter) : parts.join(' · ');
}

function bulkPanel(view, env, call, mayTrash) {
  const stateSelect = select('bulk-state', 'state', ['approved', 'on_hold', 'rejected', 'received'].map((s) => [s, t(STATE_LABEL[s])]),
    list.input.state);
  stateSelect.addEventListener('change', () => {
    list.input.state = stateSelect.value;
  });
  const comment = el('textarea', {
    id: 'bulk-comment', name: 'comment', rows: '2', maxlength: '2000',
    'aria-describedby': 'bulk-comment-hint' + (list.bulkError ? ' bulk-error' : ''), 'aria-invalid': list.bulkError ? 'true' : null,
  });
  comment.value = list.input.comment;
  comment.addEventListener('input', () => {
    list.input.comment = comment.value;
  });
  const preview = (kind) => () => previewBulk(kind, view, env, call);
  return el('section', { class: 'card', id: 'bulk', 'aria-labelledby': 'bulk-title' },
    el('h2', { id: 'bulk-title' }, t(L.bulkTitle)),
    el('p', { class: 'note', id: 'bulk-scope' }, t(fill(L.bulkScope, { filter: filterWords() }))),
    field('bulk-state', L.setState, stateSelect),
    el('label', { for: 'bulk-comment' }, t(R.comment)),
    comment,
    el('p', { class: 'note hint', id: 'bulk-comment-hint' }, t(L.commentHint)),
    list.bulkError ? el('p', { class: 'field-error', id: 'bulk-error' }, t(list.bulkError)) : null,
    el('div', { class: 'actions' },
      el('button', { type: 'button', id: 'bulk-preview', onclick: preview('review') }, t(L.previewReview)),
      mayTrash ? el('button', { type: 'button', id: 'bulk-delete-preview', class: 'danger', onclick: preview('delete') }, t(L.previewDelete))
        : null),
    list.bulk ? confirmPanel(view, env, call) : null);
}

function bulkBody(bulk, dryRun) {
  const body = { filter: Object.assign({}, list.filter), dryRun };
  if (bulk.kind === 'review') {
    body.state = bulk.state;
    if (bulk.comment) {
      body.comment = bulk.comment;
    }
  }
  return body;
}

/** Asks the server how many the action would change (a dry run), and shows that for confirmation. */
async function previewBulk(kind, view, env, call) {
  const bulk = { kind, state: list.input.state, comment: list.input.comment.trim() };
  list.result = null;
  list.bulk = null;
  if (kind === 'review' && bulk.state === 'rejected' && !bulk.comment) {
    list.bulkError = L.commentRequired;
    list.focus = 'comment';
    env.say(L.commentRequired);
    draw(view, env, call, await forms(call));
    return;
  }
  list.bulkError = null;
  const path = formPath(list.form) + '/submissions/' + (kind === 'review' ? 'review' : 'delete');
  const res = await call(path, { method: 'POST', body: bulkBody(bulk, true) });
  if (!res) {
    return;
  }
  if (!res.ok) {
    list.bulkError = errorMessage(res.body, TEXT.serverError);
    list.focus = 'comment';
    env.say(list.bulkError);
  } else {
    Object.assign(bulk, { matched: res.body.matched, changed: res.body.changed });
    list.bulk = bulk;
    list.focus = 'confirm';
    env.say(fill(bulk.kind === 'delete' ? L.willDelete : bulk.changed > 0 ? L.willReview : L.wontReview,
      { changed: bulk.changed, matched: bulk.matched, state: t(STATE_LABEL[bulk.state]) }));
  }
  draw(view, env, call, await forms(call));
}

function confirmPanel(view, env, call) {
  const bulk = list.bulk;
  const params = { changed: bulk.changed, matched: bulk.matched, state: t(STATE_LABEL[bulk.state]) };
  const text = bulk.kind === 'delete' ? L.willDelete : bulk.changed > 0 ? L.willReview : L.wontReview;
  const cancel = async () => {
    list.bulk = null;
    list.result = L.cancelled;
    list.focus = 'message';
    draw(view, env, call, await forms(call));
  };
  return el('div', { class: 'confirm', id: 'bulk-confirm', role: 'group', 'aria-labelledby': 'bulk-confirm-title' },
    el('h3', { id: 'bulk-confirm-title' }, t(L.confirmTitle)),
    el('p', { id: 'bulk-confirm-text' }, t(fill(text, params))),
    el('div', { class: 'actions' },
      bulk.changed > 0 ? el('button', {
        type: 'button', class: bulk.kind === 'delete' ? 'danger primary' : 'primary', id: 'bulk-confirm-yes',
        onclick: () => applyBulk(view, env, call),
      }, t(fill(bulk.kind === 'delete' ? L.confirmDelete : L.confirmReview, params))) : null,
      el('button', { type: 'button', id: 'bulk-cancel', onclick: cancel }, t(L.cancel))));
}

async function applyBulk(view, env, call) {
  const bulk = list.bulk;
  const yes = document.getElementById('bulk-confirm-yes');
  if (yes) {
    yes.disabled = true;
  }
  const path = formPath(list.form) + '/submissions/' + (bulk.kind === 'review' ? 'review' : 'delete');
  const res = await call(path, { method: 'POST', body: bulkBody(bulk, false) });
  if (!res) {
    return;
  }
  list.bulk = null;
  if (!res.ok) {
    list.bulkError = errorMessage(res.body, TEXT.serverError);
    list.focus = 'comment';
    env.say(list.bulkError);
  } else {
    const params = { changed: res.body.changed, matched: res.body.matched, state: t(STATE_LABEL[bulk.state]) };
    list.result = fill(bulk.kind === 'delete' ? L.deleted : L.reviewed, params);
    list.focus = 'message';
    if (bulk.kind === 'review') {
      list.input.comment = '';
    }
    env.say(list.result);
    await load(call, env);
  }
  draw(view, env, call, await forms(call));
}
