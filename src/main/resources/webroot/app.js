// The enumerator's client: log in, fill the assigned questionnaires offline, queue finished
// responses on the phone and send them when the network allows, and see how the supervisors
// reviewed the responses sent (the last known states when offline).

import {
  announce, api, applyLang, el, errorMessage, fill, langButton, NetworkError, newInstanceId, num, readJson, REVIEW_STATE, show, t, TEXT, when,
  writeJson,
} from './common.js';
import {
  answerText, checkAll, checkQuestion, computeState, payloadAnswers, prepareForm, questionBlock, refreshBlocks, screenApplies,
  showProblem,
} from './formlogic.js';

const S = {
  appName: { en: 'Tonle', km: 'ទន្លេ' },
  loginTitle: { en: 'Log in to collect responses', km: 'ចូលដើម្បីប្រមូលចម្លើយ' },
  loginOffline: { en: 'Logging in needs a connection.', km: 'ការចូលប្រើត្រូវការការតភ្ជាប់អ៊ីនធឺណិត។' },
  queuedOnLogin: { en: '{n} responses saved on this phone will be sent after you log in.', km: 'ចម្លើយ {n} ដែលបានរក្សាទុកនៅលើទូរស័ព្ទនេះ នឹងត្រូវផ្ញើបន្ទាប់ពីអ្នកចូល។' },
  loggedInAs: { en: 'Logged in as {username}', km: 'បានចូលជា {username}' },
  pending: { en: 'Saved on this phone, not sent yet', km: 'រក្សាទុកនៅលើទូរស័ព្ទ មិនទាន់ផ្ញើ' },
  nothingPending: { en: 'Everything is sent to the server', km: 'បានផ្ញើទាំងអស់ទៅម៉ាស៊ីនមេហើយ' },
  pendingBanner: { en: '{n} saved on this phone, not sent yet', km: '{n} រក្សាទុកនៅលើទូរស័ព្ទ មិនទាន់ផ្ញើ' },
  storageRisk: { en: 'This browser did not promise to keep saved interviews: it may delete them when the phone runs short of space. Send them as soon as you can; adding Tonle to the home screen helps keep them.', km: 'កម្មវិធីរុករកនេះមិនបានសន្យាថានឹងរក្សាការសម្ភាសន៍ដែលបានរក្សាទុកទេ៖ វាអាចលុបវាចោល នៅពេលទូរស័ព្ទខ្វះទំហំផ្ទុក។ សូមផ្ញើវាឱ្យបានឆាប់តាមដែលអាចធ្វើបាន។ ការបន្ថែមទន្លេទៅអេក្រង់ដើម ជួយរក្សាវាទុក។' },
  questionOf: { en: 'Question {i} of {n}', km: 'សំណួរទី {i} នៃ {n}' },
  errorsN: { en: '{n} answers need correcting. The first: {first}', km: 'ចម្លើយ {n} ត្រូវកែតម្រូវ។ ទីមួយ៖ {first}' },
  error1: { en: 'This answer needs correcting: {first}', km: 'ចម្លើយនេះត្រូវកែតម្រូវ៖ {first}' },
  change: { en: 'change', km: 'កែ' },
  toReview: { en: 'Back to review', km: 'ត្រឡប់ទៅពិនិត្យ' },
  sendNow: { en: 'Send now', km: 'ផ្ញើឥឡូវ' },
  forms: { en: 'Questionnaires', km: 'កម្រងសំណួរ' },
  noForms: { en: 'No questionnaires are assigned to you yet.', km: 'មិនទាន់មានកម្រងសំណួរណាមួយត្រូវបានចាត់ឱ្យអ្នកនៅឡើយទេ។' },
  notDownloaded: { en: 'Not downloaded yet: connect once to open it.', km: 'មិនទាន់បានទាញយកទេ៖ សូមភ្ជាប់អ៊ីនធឺណិតម្ដង ដើម្បីបើកវា។' },
  needsAttention: { en: 'Needs attention', km: 'ត្រូវការការពិនិត្យ' },
  unfinished: { en: 'Unfinished interviews', km: 'ការសម្ភាសន៍មិនទាន់បញ្ចប់' },
  continue: { en: 'Continue', km: 'បន្ត' },
  discard: { en: 'Discard', km: 'បោះបង់' },
  confirmDiscard: { en: 'Discard this interview? Its answers will be deleted from this phone.', km: 'បោះបង់ការសម្ភាសន៍នេះឬ? ចម្លើយរបស់វានឹងត្រូវលុបចេញពីទូរស័ព្ទនេះ។' },
  next: { en: 'Next', km: 'បន្ទាប់' },
  back: { en: 'Back', km: 'ថយក្រោយ' },
  submit: { en: 'Submit', km: 'បញ្ជូន' },
  saveClose: { en: 'Save and close', km: 'រក្សាទុក ហើយបិទ' },
  progress: { en: '{i} of {n}', km: '{i} នៃ {n}' },
  review: { en: 'Check the answers, then submit.', km: 'សូមពិនិត្យចម្លើយ រួចបញ្ជូន។' },
  reviewTitle: { en: 'End of the questionnaire', km: 'ចប់កម្រងសំណួរ' },
  sentTitle: { en: 'Sent to the server', km: 'បានផ្ញើទៅម៉ាស៊ីនមេ' },
  sent: { en: 'Sent. The server has stored this response.', km: 'បានផ្ញើរួចហើយ។ ម៉ាស៊ីនមេបានរក្សាទុកចម្លើយនេះ។' },
  queuedTitle: { en: 'Not sent yet: saved on this phone only', km: 'មិនទាន់ផ្ញើទេ៖ រក្សាទុកតែនៅលើទូរស័ព្ទនេះ' },
  queued: { en: 'Saved on this phone. It will be sent when you are online.', km: 'បានរក្សាទុកនៅលើទូរស័ព្ទនេះ។ វានឹងត្រូវផ្ញើនៅពេលមានអ៊ីនធឺណិត។' },
  rejectedTitle: { en: 'Not accepted', km: 'មិនត្រូវបានទទួល' },
  rejected: { en: 'The server did not accept this response. It is kept under “Needs attention” on the home screen.', km: 'ម៉ាស៊ីនមេមិនបានទទួលចម្លើយនេះទេ។ វាត្រូវបានរក្សាទុកនៅក្នុង «ត្រូវការការពិនិត្យ» នៅលើទំព័រដើម។' },
  newInterview: { en: 'New interview', km: 'ការសម្ភាសន៍ថ្មី' },
  home: { en: 'Home', km: 'ទំព័រដើម' },
  allSent: { en: 'Everything has been sent.', km: 'បានផ្ញើទាំងអស់ហើយ។' },
  sentN: { en: 'Sent {n}.', km: 'បានផ្ញើ {n}។' },
  sending: { en: 'Sending…', km: 'កំពុងផ្ញើ…' },
  refusedN: { en: 'The server did not accept {n}: see “Needs attention”.', km: 'ម៉ាស៊ីនមេមិនបានទទួល {n}៖ សូមមើល «ត្រូវការការពិនិត្យ»។' },
  offlineWaiting: { en: 'Offline: {n} waiting, they will be sent when online.', km: 'គ្មានអ៊ីនធឺណិត៖ {n} កំពុងរង់ចាំ ហើយនឹងត្រូវផ្ញើនៅពេលមានអ៊ីនធឺណិត។' },
  serverBusy: { en: 'The server is not answering; sending will be tried again.', km: 'ម៉ាស៊ីនមេមិនឆ្លើយតប។ នឹងព្យាយាមផ្ញើម្ដងទៀត។' },
  loginAgain: { en: 'Your session has ended. Log in again to send; nothing on this phone is lost.', km: 'វគ្គរបស់អ្នកបានផុតកំណត់។ សូមចូលម្ដងទៀតដើម្បីផ្ញើ។ គ្មានអ្វីនៅលើទូរស័ព្ទនេះបាត់បង់ទេ។' },
  forbidden: { en: 'This account may not send responses.', km: 'គណនីនេះមិនអាចផ្ញើចម្លើយបានទេ។' },
  conflict: { en: 'The server already has a different response with this ID, and keeps the first one.', km: 'ម៉ាស៊ីនមេមានចម្លើយផ្សេងដែលមានលេខសម្គាល់នេះរួចហើយ ហើយរក្សាទុកចម្លើយដំបូង។' },
  correct: { en: 'Correct it', km: 'កែតម្រូវ' },
  remove: { en: 'Remove from phone', km: 'លុបចេញពីទូរស័ព្ទ' },
  confirmRemove: { en: 'Remove this response from the phone? The server has not stored it.', km: 'លុបចម្លើយនេះចេញពីទូរស័ព្ទឬ? ម៉ាស៊ីនមេមិនបានរក្សាទុកវាទេ។' },
  confirmRemoveConflict: { en: 'Remove this copy from the phone? The server keeps the first response with this ID.', km: 'លុបច្បាប់នេះចេញពីទូរស័ព្ទឬ? ម៉ាស៊ីនមេរក្សាទុកចម្លើយដំបូងដែលមានលេខសម្គាល់នេះ។' },
  started: { en: 'Started {time}', km: 'ចាប់ផ្ដើម {time}' },
  finished: { en: 'Finished {time}', km: 'បញ្ចប់ {time}' },
  confirmLogout: { en: '{n} responses are not sent yet. They stay on this phone and are sent after the next log-in. Log out?', km: 'ចម្លើយ {n} មិនទាន់បានផ្ញើនៅឡើយទេ។ វានៅតែនៅលើទូរស័ព្ទនេះ ហើយនឹងត្រូវផ្ញើបន្ទាប់ពីការចូលលើកក្រោយ។ ចាកចេញឬ?' },
  formMissing: { en: 'This questionnaire is not on this phone. Connect to the Internet and try again.', km: 'កម្រងសំណួរនេះមិនមាននៅលើទូរស័ព្ទនេះទេ។ សូមភ្ជាប់អ៊ីនធឺណិត ហើយព្យាយាមម្ដងទៀត។' },
  fixFirst: { en: 'Some answers need correcting first.', km: 'ចម្លើយខ្លះត្រូវកែតម្រូវជាមុនសិន។' },
  reviewsTitle: { en: 'Reviews of your sent responses', km: 'ការពិនិត្យចម្លើយដែលអ្នកបានផ្ញើ' },
  reviewsChecked: { en: 'Checked {time}.', km: 'បានពិនិត្យនៅ {time}។' },
  reviewsOffline: { en: 'No connection: these are the reviews as last checked, {time}.', km: 'គ្មានការតភ្ជាប់៖ នេះជាការពិនិត្យដែលបានឃើញចុងក្រោយ នៅ {time}។' },
  reviewsNever: { en: 'Not checked yet: connect to the Internet to see how your responses were reviewed.', km: 'មិនទាន់បានពិនិត្យទេ៖ សូមភ្ជាប់អ៊ីនធឺណិត ដើម្បីមើលថាចម្លើយរបស់អ្នកត្រូវបានពិនិត្យយ៉ាងដូចម្ដេច។' },
  nothingToFollow: { en: 'Nothing to follow up: no sent response is rejected or on hold.', km: 'គ្មានអ្វីត្រូវតាមដានទេ៖ គ្មានចម្លើយដែលបានផ្ញើណាមួយត្រូវបានបដិសេធ ឬផ្អាកទុកទេ។' },
  allSent: { en: 'Your latest sent responses ({n})', km: 'ចម្លើយដែលអ្នកបានផ្ញើចុងក្រោយ ({n})' },
  commentFrom: { en: 'Comment from {username}:', km: 'មតិយោបល់ពី {username}៖' },
  collectedAt: { en: 'Collected {time}', km: 'ប្រមូលនៅ {time}' },
  checkAgain: { en: 'Check the reviews again', km: 'ធ្វើបច្ចុប្បន្នភាពការពិនិត្យ' },
  followUpN: { en: '{n} sent responses need following up: see “Reviews of your sent responses”.', km: 'ចម្លើយដែលបានផ្ញើ {n} ត្រូវការតាមដាន៖ សូមមើល «ការពិនិត្យចម្លើយដែលអ្នកបានផ្ញើ»។' },
};

const AUTH_KEY = 'tonle.auth';
const ME_KEY = 'tonle.me';
const OPEN_KEY = 'tonle.open';
const REVIEWS_KEY = 'tonle.reviews';
/** How many of the latest sent responses per questionnaire the phone asks the review of. */
const REVIEWS_PER_FORM = 50;
const BATCH_SIZE = 50;
const RETRY_MILLIS = 30000;
const FORMS_REFRESH_MILLIS = 10 * 60 * 1000;

const view = document.getElementById('view');
const statusLine = document.getElementById('status');
const barTitle = document.getElementById('bar-title');
const pendingBanner = document.getElementById('pending-banner');

const app = {
  auth: readJson(AUTH_KEY),
  me: readJson(ME_KEY),
  forms: new Map(),
  screen: 'login',
  fill: null,
  status: null,
  loginMessage: null,
  flushing: null,
  queue: [],
  drafts: [],
  persisted: null,
  reviews: readJson(REVIEWS_KEY), // {username, checkedAt, items: [{formId, instanceId, collectedAt, receivedAt, review}]}
  reviewsOffline: false,
  allSentOpen: false,
};

// ---- the phone's store: queued responses, unfinished interviews, form definitions ----

let opened;

function database() {
  if (!opened) {
    opened = new Promise((resolve, reject) => {
      const request = indexedDB.open('tonle', 1);
      request.onupgradeneeded = () => {
        const db = request.result;
        db.createObjectStore('queue', { keyPath: 'instanceId' });
        db.createObjectStore('drafts', { keyPath: 'instanceId' });
        db.createObjectStore('forms', { keyPath: 'id' });
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }
  return opened;
}

/** Runs one request in its own transaction; resolves once the transaction has committed. */
async function store(name, mode, operation) {
  const db = await database();
  return new Promise((resolve, reject) => {
    const transaction = db.transaction(name, mode);
    const request = operation(transaction.objectStore(name));
    transaction.oncomplete = () => resolve(request.result);
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error);
  });
}

const idb = {
  all: (name) => store(name, 'readonly', (s) => s.getAll()),
  get: (name, key) => store(name, 'readonly', (s) => s.get(key)),
  put: (name, value) => store(name, 'readwrite', (s) => s.put(value)),
  remove: (name, key) => store(name, 'readwrite', (s) => s.delete(key)),
};

async function reloadLists() {
  app.queue = await idb.all('queue');
  app.drafts = await idb.all('drafts');
}

function pendingItems() {
  return app.queue.filter((item) => item.state === 'pending');
}

// ---- small helpers ----

/** The local time with its offset, e.g. 2026-11-29T08:30:00+07:00, as collectedAt expects. */
function localIso(date) {
  const pad = (n) => String(Math.trunc(Math.abs(n))).padStart(2, '0');
  const offset = -date.getTimezoneOffset();
  return date.getFullYear() + '-' + pad(date.getMonth() + 1) + '-' + pad(date.getDate())
    + 'T' + pad(date.getHours()) + ':' + pad(date.getMinutes()) + ':' + pad(date.getSeconds())
    + (offset >= 0 ? '+' : '-') + pad(offset / 60) + ':' + pad(offset % 60);
}

function setStatus(text) {
  app.status = text;
  statusLine.textContent = text ? t(text) : '';
}

function button(label, attrs, onClick) {
  return el('button', Object.assign({ type: 'button', onclick: onClick }, attrs), t(label));
}

// ---- rendering ----

function render() {
  applyLang();
  document.title = t(S.appName);
  statusLine.textContent = app.status ? t(app.status) : '';
  barTitle.textContent = app.screen === 'fill' && app.fill ? t(app.fill.model.title) : '';
  if (!app.auth && app.screen !== 'fill') {
    app.screen = 'login';
  }
  if (app.screen === 'login') {
    renderLogin();
  } else if (app.screen === 'home') {
    renderHome();
  } else if (app.screen === 'fill') {
    renderFill();
  } else if (app.screen === 'done') {
    renderDone();
  }
  renderPendingBanner();
}

/**
 * Shows another screen. Keyboard and screen-reader users start on its heading, as sighted users
 * do at the top; the progress through a questionnaire is announced. Only the first screen after
 * the page loads keeps the browser's own focus.
 */
function go(screen, { focus = true } = {}) {
  app.screen = screen;
  render();
  window.scrollTo(0, 0);
  if (!focus) {
    return;
  }
  const heading = view.querySelector('#screen-heading') || view.querySelector('h1');
  if (heading) {
    if (!heading.hasAttribute('tabindex')) {
      heading.setAttribute('tabindex', '-1');
    }
    heading.focus({ preventScroll: true });
  }
  if (screen === 'fill' && app.fill) {
    const { position, total } = progressOf(app.fill);
    announce(fill(S.questionOf, { i: position, n: total }));
  }
}

/** Until nothing waits, every screen but home (which has its own count) says how many responses are only on the phone. */
function renderPendingBanner() {
  const waiting = pendingItems().length;
  pendingBanner.hidden = waiting === 0 || app.screen === 'home' || app.screen === 'login';
  pendingBanner.textContent = waiting === 0 ? '' : t(fill(S.pendingBanner, { n: waiting }));
}

function renderLogin() {
  const error = el('p', { class: 'field-error', id: 'login-error', role: 'alert', hidden: !app.loginMessage }, t(app.loginMessage));
  const username = el('input', { id: 'username', name: 'username', autocomplete: 'username', autocapitalize: 'none', spellcheck: 'false', required: true });
  const password = el('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const before = view.querySelector('#login-form');
  if (before) {
    username.value = before.querySelector('#username').value;
    password.value = before.querySelector('#password').value;
  } else if (app.me && app.me.username) {
    username.value = app.me.username;
  }
  const waiting = pendingItems().length;
  const form = el('form', { class: 'card login', id: 'login-form', novalidate: true },
    el('h1', {}, t(S.loginTitle)),
    el('label', { for: 'username' }, t(TEXT.username)), username,
    el('label', { for: 'password' }, t(TEXT.password)), password,
    error,
    el('button', { id: 'login-button', type: 'submit', class: 'primary' }, t(TEXT.login)),
    waiting > 0 ? el('p', { class: 'note' }, t(fill(S.queuedOnLogin, { n: waiting }))) : null);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    logIn(username.value.trim(), password.value, form);
  });
  show(view, form);
}

async function logIn(username, password, form) {
  const submit = form.querySelector('#login-button');
  submit.disabled = true;
  let res;
  try {
    res = await api('/api/v1/auth/token', { method: 'POST', body: { username, password } });
  } catch (e) {
    app.loginMessage = e instanceof NetworkError ? S.loginOffline : TEXT.serverError;
    submit.disabled = false;
    renderLogin();
    return;
  }
  if (!res.ok || !res.body || !res.body.token) {
    app.loginMessage = res.status === 401 || res.status === 400 ? errorMessage(res.body, TEXT.badLogin) : errorMessage(res.body, TEXT.serverError);
    renderLogin();
    return;
  }
  app.auth = res.body;
  app.loginMessage = null;
  writeJson(AUTH_KEY, app.auth);
  if (app.me && app.me.username !== app.auth.username) {
    app.me = null;
    writeJson(ME_KEY, null);
  }
  if (app.reviews && app.reviews.username !== app.auth.username) {
    forgetReviews();
  }
  setStatus(null);
  askToKeepStorage();
  await refreshMe();
  if (!app.auth) {
    return;
  }
  go(app.fill ? 'fill' : 'home');
  await refreshForms();
  flush();
  refreshReviews();
}

/**
 * Asks the browser to keep the phone's store even when space runs short (an evicted IndexedDB loses
 * interviews), and warns on the home screen when it will not promise to.
 */
async function askToKeepStorage() {
  if (!navigator.storage || !navigator.storage.persist) {
    return;
  }
  try {
    app.persisted = (await navigator.storage.persisted()) || (await navigator.storage.persist());
  } catch (e) {
    app.persisted = false;
  }
  document.documentElement.dataset.persisted = String(app.persisted);
  if (app.screen === 'home') {
    render();
  }
}

function renderHome() {
  const pending = pendingItems();
  const attention = app.queue.filter((item) => item.state !== 'pending');
  const username = (app.me && app.me.username) || (app.auth && app.auth.username) || '';
  const sync = el('section', { class: 'card sync', id: 'sync', 'data-pending': pending.length > 0 ? 'true' : 'false' },
    el('div', { class: 'pending' },
      el('strong', { id: 'pending-count' }, num(pending.length)),
      el('span', {}, t(pending.length > 0 ? S.pending : S.nothingPending))),
    button(S.sendNow, { id: 'send-now', class: pending.length > 0 ? 'primary' : null }, () => flush(true)));
  const parts = [
    el('div', { class: 'who' }, el('span', {}, t(fill(S.loggedInAs, { username }))),
      button(TEXT.logout, { id: 'logout', class: 'link' }, logOut)),
    el('h1', { class: 'sr-only' }, t(S.appName)),
    sync,
  ];
  if (app.persisted === false) {
    parts.push(el('p', { class: 'message warning', id: 'storage-warning' }, t(S.storageRisk)));
  }
  if (attention.length > 0) {
    parts.push(el('section', { class: 'attention' }, el('h2', {}, t(S.needsAttention)),
      el('ul', { id: 'rejected-list', class: 'list' }, attention.map(rejectedItem))));
  }
  if (app.drafts.length > 0) {
    parts.push(el('section', {}, el('h2', {}, t(S.unfinished)),
      el('ul', { class: 'list' }, app.drafts.map(draftItem))));
  }
  parts.push(reviewsSection());
  const ids = (app.me && app.me.forms) || [];
  parts.push(el('section', {}, el('h2', {}, t(S.forms)),
    ids.length === 0 ? el('p', { class: 'note' }, t(S.noForms))
      : el('ul', { class: 'list forms' }, ids.map(formItem))));
  show(view, parts);
}

function formItem(id) {
  const def = app.forms.get(id);
  return el('li', {}, el('button', {
    type: 'button', class: 'form-item', 'data-form-id': id, 'aria-disabled': def ? null : 'true',
    onclick: () => startInterview(id),
  }, el('span', { class: 'form-title' }, def ? t(def.title) : id),
  el('span', { class: 'form-meta' }, def ? def.version : t(S.notDownloaded))));
}

function draftItem(draft) {
  const def = app.forms.get(draft.formId);
  return el('li', { class: 'draft-item', 'data-instance-id': draft.instanceId },
    el('div', { class: 'item-head' }, el('strong', {}, def ? t(def.title) : draft.formId),
      el('small', {}, t(fill(S.started, { time: when(draft.startedAt) })))),
    el('div', { class: 'actions' },
      button(S.continue, { class: 'primary' }, () => openDraft(draft)),
      button(S.discard, {}, () => discardDraft(draft))));
}

function rejectedItem(item) {
  const def = app.forms.get(item.formId);
  const model = def ? prepareForm(def) : null;
  const error = item.error || {};
  const details = (error.details || []).map((d) => {
    const q = model && model.byName.get(d.field);
    const name = q && q.label ? t(q.label) : d.field;
    return el('li', {}, el('strong', {}, name + ': '), t(d.message));
  });
  const conflict = item.result === 'conflict';
  return el('li', { class: 'rejected-item', 'data-instance-id': item.instanceId },
    el('div', { class: 'item-head' }, el('strong', {}, def ? t(def.title) : item.formId),
      el('small', {}, t(fill(S.finished, { time: when(item.finishedAt) })))),
    el('p', { class: 'reason' }, conflict ? t(S.conflict) : t(errorMessage({ error }, TEXT.serverError))),
    details.length > 0 ? el('ul', { class: 'details' }, details) : null,
    el('div', { class: 'actions' },
      conflict || !def ? null : button(S.correct, { class: 'primary' }, () => correct(item)),
      button(S.remove, {}, () => removeQueued(item))));
}

/**
 * How the supervisors reviewed the latest responses sent: those rejected or on hold, with the
 * comment, first; the rest folded away. Offline, the states last checked, and when that was.
 */
function reviewsSection() {
  const known = app.reviews && app.auth && app.reviews.username === app.auth.username ? app.reviews : null;
  const items = known ? known.items : [];
  const followUp = items.filter((i) => i.review && (i.review.state === 'rejected' || i.review.state === 'on_hold'));
  const all = el('details', { id: 'all-sent', open: app.allSentOpen },
    el('summary', {}, t(fill(S.allSent, { n: items.length }))),
    el('ul', { class: 'list' }, items.map(reviewItem)));
  all.addEventListener('toggle', () => {
    app.allSentOpen = all.open;
  });
  return el('section', { id: 'reviews', 'aria-labelledby': 'reviews-title' },
    el('h2', { id: 'reviews-title' }, t(S.reviewsTitle)),
    el('p', { class: 'note', id: 'reviews-checked', 'data-offline': String(app.reviewsOffline) }, !known ? t(S.reviewsNever)
      : t(fill(app.reviewsOffline ? S.reviewsOffline : S.reviewsChecked, { time: when(known.checkedAt) }))),
    known && followUp.length === 0 ? el('p', { class: 'note', id: 'nothing-to-follow' }, t(S.nothingToFollow)) : null,
    followUp.length > 0 ? el('ul', { class: 'list', id: 'follow-up' }, followUp.map(reviewItem)) : null,
    items.length > 0 ? all : null,
    button(S.checkAgain, { id: 'reviews-refresh', class: 'link' }, () => refreshReviews(true)));
}

function reviewItem(item) {
  const def = app.forms.get(item.formId);
  const review = item.review || { state: 'received' };
  return el('li', { class: 'review-item', 'data-instance-id': item.instanceId, 'data-state': review.state },
    el('div', { class: 'item-head' }, el('strong', {}, def ? t(def.title) : item.formId),
      el('span', { class: 'state', 'data-state': review.state }, t(REVIEW_STATE[review.state] || { en: review.state, km: review.state }))),
    el('small', {}, t(fill(S.collectedAt, { time: when(item.collectedAt || item.receivedAt) }))),
    review.comment ? el('p', { class: 'review-comment' }, el('strong', {}, t(fill(S.commentFrom, { username: review.by || '' }))), ' ',
      review.comment) : null);
}

// ---- interviews ----

function startInterview(id) {
  const def = app.forms.get(id);
  if (!def) {
    setStatus(S.formMissing);
    return;
  }
  const draft = {
    instanceId: newInstanceId(), formId: id, formVersion: def.version, startedAt: localIso(new Date()), raw: {}, screen: 0,
  };
  open(draft, def);
  saveDraft();
}

/**
 * The definition an unfinished interview goes on with: the version it was started with, kept with
 * it once the phone has a newer one (refreshForms), else the phone's copy of the form.
 */
function definitionOf(draft) {
  const current = app.forms.get(draft.formId);
  return draft.definition && (!current || draft.definition.version !== current.version) ? draft.definition : current;
}

function openDraft(draft) {
  const def = definitionOf(draft);
  if (!def) {
    setStatus(S.formMissing);
    return;
  }
  open(draft, def);
}

function open(draft, def) {
  const model = prepareForm(def);
  draft.formVersion = def.version;
  app.fill = { model, draft, errors: {}, review: draft.screen === 'review' };
  writeJson(OPEN_KEY, draft.instanceId);
  setStatus(null);
  if (!app.fill.review) {
    const state = computeState(model, draft.raw);
    draft.screen = nextApplicable(model, state, Math.max(0, Number(draft.screen) || 0), 1);
    app.fill.review = draft.screen < 0;
  }
  go('fill');
}

async function discardDraft(draft) {
  if (!window.confirm(t(S.confirmDiscard))) {
    return;
  }
  await idb.remove('drafts', draft.instanceId);
  if (app.fill && app.fill.draft.instanceId === draft.instanceId) {
    closeInterview();
  }
  await reloadLists();
  go('home');
}

let saveTimer = null;

function saveDraft() {
  clearTimeout(saveTimer);
  saveTimer = null;
  if (!app.fill) {
    return Promise.resolve();
  }
  const draft = app.fill.draft;
  draft.savedAt = localIso(new Date());
  return idb.put('drafts', JSON.parse(JSON.stringify(draft)));
}

function saveSoon() {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(saveDraft, 300);
}

function closeInterview() {
  app.fill = null;
  writeJson(OPEN_KEY, null);
}

/** The first screen from index (in direction step) that applies; -1 past the end. */
function nextApplicable(model, state, index, step) {
  for (let i = index; i >= 0 && i < model.screens.length; i += step) {
    if (screenApplies(model.screens[i], state)) {
      return i;
    }
  }
  return -1;
}

/**
 * Where the interview stands, counted over every screen of the questionnaire in order (the review
 * is the last): screens that skip logic passes over count as done, so the count never goes
 * backwards as answers change which questions apply.
 */
function progressOf(fillState) {
  const total = fillState.model.screens.length + 1;
  return { position: fillState.review ? total : fillState.draft.screen + 1, total };
}

function renderFill() {
  const { model, draft } = app.fill;
  const state = computeState(model, draft.raw);
  const { position, total } = progressOf(app.fill);
  const progress = el('div', { class: 'progress' },
    el('progress', { id: 'progress', max: total, value: position, 'aria-labelledby': 'progress-text' }),
    el('span', { id: 'progress-text' }, t(fill(S.progress, { i: position, n: total }))));
  const content = app.fill.review ? reviewContent(model, state) : screenContent(model, state);
  const forward = app.fill.review
    ? button(S.submit, { id: 'submit', class: 'primary' }, submit)
    : app.fill.fromReview
      ? button(S.toReview, { id: 'to-review', class: 'primary' }, toReview)
      : button(S.next, { id: 'next', class: 'primary' }, next);
  const nav = el('nav', { class: 'nav' }, button(S.back, { id: 'back' }, back), forward);
  const tools = el('div', { class: 'tools' },
    button(S.saveClose, { id: 'save-close', class: 'link' }, async () => {
      await saveDraft();
      closeInterview();
      await reloadLists();
      go('home');
    }),
    button(S.discard, { id: 'discard', class: 'link' }, () => discardDraft(draft)));
  show(view, el('section', { class: 'fill' }, progress, content, nav, tools));
}

/** One screen: a single question under its own heading, or a group's questions under the group's name. */
function screenContent(model, state) {
  const screen = model.screens[app.fill.draft.screen];
  const single = screen.group === null;
  const names = screen.groups.map((g) => t(g.label)).filter(Boolean);
  const crumbs = single ? names : names.slice(0, -1);
  const blocks = screen.items.map((q) => {
    const block = questionBlock(q, app.fill.draft.raw[q.name], onInput, single ? 'h1' : 'h2');
    block.hidden = !state.relevant(q);
    if (app.fill.errors[q.name]) {
      showProblem(block, app.fill.errors[q.name]);
    }
    return block;
  });
  if (single) {
    const label = blocks[0].querySelector('.q-label');
    if (label) {
      label.id = 'screen-heading';
    }
  }
  return el('div', { class: 'screen', id: 'screen' },
    crumbs.length > 0 ? el('p', { class: 'crumbs' }, crumbs.join(' › ')) : null,
    single ? null : el('h1', { id: 'screen-heading', class: 'group-title' }, t(screen.group.label) || names.join(' › ')),
    blocks);
}

function onInput(name, raw) {
  const { model, draft } = app.fill;
  draft.raw[name] = raw;
  delete app.fill.errors[name];
  refreshBlocks(view, model, draft.raw, name);
  saveSoon();
}

/** Every answer, one line each; tapping one opens its question, and a button there comes back here. */
function reviewContent(model, state) {
  const rows = [];
  for (const screen of model.screens) {
    for (const q of screen.items) {
      const value = state.scope[q.name];
      if (q.type !== 'note' && state.relevant(q) && value !== undefined) {
        rows.push(el('li', {}, el('button', {
          type: 'button', class: 'review-row', 'data-edit': q.name, onclick: () => editAnswer(q.name),
        }, el('span', { class: 'review-q' }, t(q.label)), el('span', { class: 'review-a' }, answerText(q, value)),
        el('span', { class: 'review-edit' }, el('span', { 'aria-hidden': 'true' }, '✎ '), t(S.change)))));
      }
    }
  }
  return el('div', { class: 'screen review', id: 'screen' },
    el('h1', { id: 'screen-heading' }, t(S.reviewTitle)), el('p', {}, t(S.review)), el('ul', { class: 'review-list' }, rows));
}

function editAnswer(name) {
  const { model, draft } = app.fill;
  draft.screen = model.screens.findIndex((s) => s.items.some((q) => q.name === name));
  app.fill.review = false;
  app.fill.fromReview = true;
  saveDraft();
  go('fill');
  const heading = document.getElementById('q-' + name + '-label'); // on a group's screen: the question itself
  if (heading) {
    heading.focus();
    heading.scrollIntoView({ block: 'start' });
  }
}

/** From a question opened on the review: check it, then back to the review (Submit checks everything again). */
function toReview() {
  const { model, draft } = app.fill;
  if (!checkScreen(model, computeState(model, draft.raw))) {
    return;
  }
  app.fill.review = true;
  app.fill.fromReview = false;
  draft.screen = 'review';
  saveDraft();
  go('fill');
}

/** Checks the questions of the current screen; shows their errors; answers whether all are fine. */
function checkScreen(model, state) {
  const screen = model.screens[app.fill.draft.screen];
  let first = null;
  for (const q of screen.items) {
    const p = checkQuestion(q, state);
    const block = view.querySelector('[data-question="' + q.name + '"]');
    if (p) {
      app.fill.errors[q.name] = p;
      first = first || block;
    } else {
      delete app.fill.errors[q.name];
    }
    if (block) {
      showProblem(block, p);
    }
  }
  if (first) {
    const problems = screen.items.filter((q) => app.fill.errors[q.name]);
    const message = t(app.fill.errors[problems[0].name].message);
    announce(problems.length === 1 ? fill(S.error1, { first: message }) : fill(S.errorsN, { n: problems.length, first: message }));
    const focusable = first.querySelector('input, textarea') || first;
    focusable.focus();
    first.scrollIntoView({ block: 'center' });
  }
  return first === null;
}

function next() {
  const { model, draft } = app.fill;
  const state = computeState(model, draft.raw);
  if (!checkScreen(model, state)) {
    return;
  }
  const following = nextApplicable(model, state, draft.screen + 1, 1);
  if (following < 0) {
    app.fill.review = true;
    draft.screen = 'review';
  } else {
    draft.screen = following;
  }
  saveDraft();
  go('fill');
}

async function back() {
  const { model, draft } = app.fill;
  const state = computeState(model, draft.raw);
  const from = app.fill.review ? model.screens.length - 1 : draft.screen - 1;
  const previous = nextApplicable(model, state, from, -1);
  if (previous < 0) {
    await saveDraft();
    closeInterview();
    await reloadLists();
    go('home');
    return;
  }
  app.fill.review = false;
  app.fill.fromReview = false;
  draft.screen = previous;
  saveDraft();
  go('fill');
}

async function submit() {
  const { model, draft } = app.fill;
  const state = computeState(model, draft.raw);
  const problems = checkAll(model, state);
  if (problems.length > 0) {
    const name = problems[0].question.name;
    app.fill.errors = {};
    problems.forEach((p) => {
      app.fill.errors[p.question.name] = p.problem;
    });
    app.fill.review = false;
    draft.screen = model.screens.findIndex((s) => s.items.some((q) => q.name === name));
    setStatus(S.fixFirst);
    go('fill');
    return;
  }
  const submitButton = document.getElementById('submit');
  submitButton.disabled = true;
  const finishedAt = localIso(new Date());
  const item = {
    instanceId: draft.instanceId,
    formId: draft.formId,
    formVersion: model.version,
    startedAt: draft.startedAt,
    finishedAt,
    state: 'pending',
    payload: { formId: draft.formId, formVersion: model.version, instanceId: draft.instanceId, collectedAt: finishedAt, answers: payloadAnswers(model, state) },
  };
  await idb.put('queue', item);
  await idb.remove('drafts', draft.instanceId);
  app.lastFormId = draft.formId;
  closeInterview();
  await reloadLists();
  await flush();
  if (app.queue.some((q) => q.instanceId === item.instanceId && q.state === 'pending') && navigator.onLine !== false) {
    await flush(); // a send already under way when this response was queued did not include it
  }
  const after = app.queue.find((q) => q.instanceId === item.instanceId);
  app.result = !after ? 'sent' : after.state === 'pending' ? 'queued' : 'rejected';
  setStatus(app.result === 'sent' ? S.sent : app.result === 'queued' ? S.queued : S.rejected);
  go('done');
}

const ICONS = {
  // a tick in a circle: the server has it
  sent: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm-1.2 14.2-4.3-4.3 1.4-1.4 2.9 2.9 6-6 1.4 1.4z',
  // a phone with a clock face: kept here, waiting
  queued: 'M7 1h10a2 2 0 0 1 2 2v18a2 2 0 0 1-2 2H7a2 2 0 0 1-2-2V3a2 2 0 0 1 2-2zm0 3v15h10V4zm5 2.5a5 5 0 1 1 0 10 5 5 0 0 1 0-10zm-.8 2v3.4l2.6 1.6.8-1.2-1.9-1.2V8.5z',
  // an exclamation mark in a triangle: needs attention
  rejected: 'M12 2 1 21h22zm-1 7h2v6h-2zm0 8h2v2h-2z',
};

function resultIcon(result) {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', 'done-icon');
  const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  path.setAttribute('d', ICONS[result]);
  path.setAttribute('fill', 'currentColor');
  path.setAttribute('fill-rule', 'evenodd');
  svg.append(path);
  return svg;
}

/** Sent and saved look apart: a green tick, or an amber phone with a clock and the count still waiting. */
function renderDone() {
  const result = app.result;
  const message = result === 'sent' ? S.sent : result === 'queued' ? S.queued : S.rejected;
  const title = result === 'sent' ? S.sentTitle : result === 'queued' ? S.queuedTitle : S.rejectedTitle;
  const waiting = pendingItems().length;
  show(view, el('section', { class: 'card done', id: 'result', 'data-result': result },
    resultIcon(result),
    el('h1', { id: 'screen-heading', class: 'done-title' }, t(title)),
    el('p', { class: 'done-text' }, t(message)),
    result === 'queued' ? el('p', { class: 'done-count', id: 'done-pending' }, t(fill(S.pendingBanner, { n: waiting }))) : null,
    el('div', { class: 'actions' },
      button(S.newInterview, { id: 'new-interview', class: 'primary' }, () => startInterview(app.lastFormId)),
      button(S.home, { id: 'go-home' }, () => go('home')))));
}

/** Reopens a refused response as an unfinished interview with the same instanceId. */
async function correct(item) {
  const draft = {
    instanceId: item.instanceId, formId: item.formId, formVersion: item.formVersion, startedAt: item.startedAt,
    raw: JSON.parse(JSON.stringify(item.payload.answers)), screen: 0,
  };
  await idb.put('drafts', draft);
  await idb.remove('queue', item.instanceId);
  await reloadLists();
  openDraft(draft);
}

async function removeQueued(item) {
  if (!window.confirm(t(item.result === 'conflict' ? S.confirmRemoveConflict : S.confirmRemove))) {
    return;
  }
  await idb.remove('queue', item.instanceId);
  await reloadLists();
  render();
}

// ---- the server ----

async function refreshMe() {
  if (!app.auth) {
    return;
  }
  let res;
  try {
    res = await api('/api/v1/me', { token: app.auth.token });
  } catch (e) {
    return;
  }
  if (res.status === 401) {
    sessionEnded();
    return;
  }
  if (res.ok && res.body) {
    app.me = Object.assign({ username: app.auth.username }, res.body);
    if (app.me.role === 'admin' && (app.me.forms || []).length === 0) {
      app.me.forms = await allFormIds(); // an admin may submit to every form
    }
    writeJson(ME_KEY, app.me);
    if (app.screen === 'home') {
      render();
    }
  }
}

async function allFormIds() {
  try {
    const res = await api('/api/v1/forms');
    return res.ok && Array.isArray(res.body) ? res.body.map((f) => f.id) : [];
  } catch (e) {
    return [];
  }
}

async function loadCachedForms() {
  try {
    (await idb.all('forms')).forEach((def) => app.forms.set(def.id, def));
  } catch (e) {
    // no IndexedDB: forms come from the network only
  }
}

async function refreshForms() {
  const ids = (app.me && app.me.forms) || [];
  await Promise.all(ids.map(async (id) => {
    try {
      const res = await api('/api/v1/forms/' + encodeURIComponent(id));
      if (res.ok && res.body && res.body.id) {
        await keepForUnfinished(app.forms.get(id), res.body);
        app.forms.set(id, res.body);
        await idb.put('forms', res.body);
      }
    } catch (e) {
      // offline: the copy on the phone stays
    }
  }));
  if (app.screen === 'home') {
    render();
  }
}

/** Before a newer version replaces the phone's copy of a form, interviews started on the old one keep it. */
async function keepForUnfinished(before, after) {
  if (!before || before.version === after.version) {
    return;
  }
  app.drafts = await idb.all('drafts');
  for (const draft of app.drafts) {
    if (draft.formId === before.id && !draft.definition && (draft.formVersion || before.version) === before.version) {
      draft.definition = before;
      if (app.fill && app.fill.draft.instanceId === draft.instanceId) {
        app.fill.draft.definition = before;
      }
      await idb.put('drafts', draft);
    }
  }
}

/** Sends every pending response, in batches. Never drops one: only an accepted or duplicate answer removes it. */
function flush(byHand) {
  if (!app.flushing) {
    app.flushing = sendPending(byHand).finally(() => {
      app.flushing = null;
    });
  }
  return app.flushing;
}

async function sendPending(byHand) {
  await reloadLists();
  const pending = pendingItems();
  if (pending.length === 0) {
    if (byHand) {
      setStatus(S.allSent);
    }
    refreshCounts();
    return;
  }
  if (!app.auth) {
    setStatus(S.loginAgain);
    return;
  }
  if (byHand) {
    setStatus(S.sending);
  }
  let sent = 0;
  for (let i = 0; i < pending.length; i += BATCH_SIZE) {
    const outcome = await sendBatch(pending.slice(i, i + BATCH_SIZE));
    if (typeof outcome !== 'number') {
      await reloadLists();
      setStatus(outcome === 'offline' ? fill(S.offlineWaiting, { n: pendingItems().length }) : outcome);
      refreshCounts();
      return;
    }
    sent += outcome;
  }
  const before = app.queue.filter((item) => item.state !== 'pending').length;
  await reloadLists();
  const refused = app.queue.filter((item) => item.state !== 'pending').length - before;
  if (refused > 0) {
    setStatus(fill(S.refusedN, { n: refused }));
  } else {
    setStatus(sent > 0 ? fill(S.sentN, { n: sent }) : S.allSent);
  }
  refreshCounts();
  if (sent > 0) {
    refreshReviews();
  }
}

/** One batch: the number sent, or why sending stopped ('offline' or a message). */
async function sendBatch(items) {
  let res;
  try {
    res = await api('/api/v1/submissions/batch', {
      method: 'POST', token: app.auth && app.auth.token, body: { submissions: items.map((item) => item.payload) },
    });
  } catch (e) {
    if (e instanceof NetworkError) {
      return 'offline';
    }
    throw e;
  }
  if (res.status === 401) {
    sessionEnded();
    return S.loginAgain;
  }
  if (res.status === 403) {
    return errorMessage(res.body, S.forbidden);
  }
  if (res.ok && res.body && Array.isArray(res.body.results)) {
    let sent = 0;
    for (const result of res.body.results) {
      const item = items[result.index];
      if (!item) {
        continue;
      }
      if (result.status === 'accepted' || result.status === 'duplicate') {
        await idb.remove('queue', item.instanceId);
        sent++;
      } else {
        await idb.put('queue', Object.assign({}, item, { state: 'rejected', result: result.status, error: result.error || null }));
      }
    }
    return sent;
  }
  if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) {
    // the request as a whole was refused: find out which response it is by sending them one at a time
    if (items.length > 1) {
      let sent = 0;
      for (const item of items) {
        const one = await sendBatch([item]);
        if (typeof one !== 'number') {
          return one;
        }
        sent += one;
      }
      return sent;
    }
    await idb.put('queue', Object.assign({}, items[0], { state: 'rejected', result: 'rejected', error: res.body && res.body.error }));
    return 0;
  }
  return S.serverBusy;
}

/**
 * Asks the server how the latest responses this account sent were reviewed (its own only; an
 * admin's own too). Kept on the phone without answers, so that offline the home screen still shows
 * the last known states; a refusal or no connection keeps them as they were.
 */
function refreshReviews(byHand) {
  const check = () => checkReviews(byHand);
  app.checkingReviews = (app.checkingReviews || Promise.resolve()).then(check, check); // one at a time, in order
  return app.checkingReviews;
}

async function checkReviews(byHand) {
  if (!app.auth) {
    return;
  }
  const ids = (app.me && app.me.forms) || [];
  const mine = app.me && app.me.id ? '&submittedBy=' + encodeURIComponent(app.me.id) : '';
  const items = [];
  try {
    for (const id of ids) {
      const res = await api('/api/v1/forms/' + encodeURIComponent(id) + '/submissions?order=newest&limit=' + REVIEWS_PER_FORM + mine,
        { token: app.auth.token });
      if (res.status === 401) {
        sessionEnded();
        return;
      }
      if (!res.ok || !res.body || !Array.isArray(res.body.submissions)) {
        return;
      }
      res.body.submissions.forEach((s) => items.push({
        formId: id, instanceId: s.instanceId, collectedAt: s.collectedAt || null, receivedAt: s.receivedAt, review: s.review,
      }));
    }
  } catch (e) {
    if (!(e instanceof NetworkError)) {
      throw e;
    }
    showReviews(true, byHand);
    return;
  }
  items.sort((a, b) => String(b.receivedAt).localeCompare(String(a.receivedAt)));
  const before = new Set(followUps(app.reviews).map((i) => i.instanceId + ' ' + i.review.state));
  app.reviews = { username: app.auth.username, checkedAt: new Date().toISOString(), items };
  writeJson(REVIEWS_KEY, app.reviews);
  const fresh = followUps(app.reviews).filter((i) => !before.has(i.instanceId + ' ' + i.review.state));
  if (fresh.length > 0) {
    announce(fill(S.followUpN, { n: fresh.length }));
  }
  showReviews(false, byHand);
}

function followUps(reviews) {
  return ((reviews && reviews.items) || []).filter((i) => i.review && (i.review.state === 'rejected' || i.review.state === 'on_hold'));
}

/** Redraws the home screen with the reviews; a check asked for by hand keeps the focus on its button. */
function showReviews(offline, byHand) {
  app.reviewsOffline = offline;
  if (byHand && offline) {
    setStatus(TEXT.offline);
  }
  if (app.screen === 'home') {
    render();
    if (byHand) {
      const again = document.getElementById('reviews-refresh');
      if (again) {
        again.focus();
      }
    }
  }
}

function forgetReviews() {
  app.reviews = null;
  app.reviewsOffline = false;
  writeJson(REVIEWS_KEY, null);
}

function refreshCounts() {
  if (app.screen === 'home') {
    render();
  } else {
    renderPendingBanner();
  }
}

function sessionEnded() {
  app.auth = null;
  writeJson(AUTH_KEY, null);
  app.loginMessage = S.loginAgain;
  setStatus(S.loginAgain);
  if (app.screen !== 'fill') {
    go('login');
  }
}

async function logOut() {
  const waiting = pendingItems().length;
  if (waiting > 0 && !window.confirm(t(fill(S.confirmLogout, { n: waiting })))) {
    return;
  }
  app.auth = null;
  writeJson(AUTH_KEY, null);
  forgetReviews(); // a supervisor's comments are not left on a shared phone
  app.loginMessage = null;
  setStatus(null);
  go('login');
}

// ---- start ----

async function start() {
  langButton(document.getElementById('lang-toggle'), render);
  applyLang();
  try {
    await Promise.all([reloadLists(), loadCachedForms()]);
  } catch (e) {
    setStatus({ en: 'This browser cannot store responses offline.', km: 'កម្មវិធីរុករកនេះមិនអាចរក្សាទុកចម្លើយដោយគ្មានអ៊ីនធឺណិតបានទេ។' });
  }
  const openId = readJson(OPEN_KEY);
  const openDraftRecord = openId ? app.drafts.find((d) => d.instanceId === openId) : null;
  if (!app.auth) {
    go('login', { focus: false });
  } else if (openDraftRecord && definitionOf(openDraftRecord)) {
    openDraft(openDraftRecord);
  } else {
    go('home', { focus: false });
  }
  document.documentElement.dataset.ready = 'true';
  if (app.auth) {
    askToKeepStorage();
    await refreshMe();
    if (app.auth) {
      await refreshForms();
      flush();
      refreshReviews();
    }
  }
  window.addEventListener('online', () => {
    flush();
    refreshForms();
    refreshReviews();
  });
  setInterval(() => {
    if (app.auth && navigator.onLine !== false) {
      refreshForms(); // the server answers 304 while a form is unchanged
      refreshReviews();
    }
  }, FORMS_REFRESH_MILLIS);
  window.addEventListener('pagehide', () => {
    if (saveTimer) {
      saveDraft();
    }
  });
  setInterval(() => {
    if (pendingItems().length > 0 && navigator.onLine !== false) {
      flush();
    }
  }, RETRY_MILLIS);
  registerServiceWorker();
}

function registerServiceWorker() {
  if (!('serviceWorker' in navigator)) {
    return;
  }
  navigator.serviceWorker.register('/sw.js').catch(() => {});
  navigator.serviceWorker.ready.then(() => {
    document.documentElement.dataset.offlineReady = 'true';
  });
}

start();
