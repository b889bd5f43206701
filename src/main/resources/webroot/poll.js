// A community poll at /p/{code}: every question on one screen, answered once per device, no account.

import {
  api, applyLang, el, errorMessage, fill, langButton, NetworkError, newInstanceId, num, readJson, show, t, when, writeJson,
} from './common.js';
import {
  checkQuestion, computeState, payloadAnswers, prepareForm, questionBlock, refreshBlocks, showProblem,
} from './formlogic.js';

const S = {
  poll: { en: 'Poll', km: 'ការស្ទង់មតិ' },
  submit: { en: 'Send my answers', km: 'បញ្ជូនចម្លើយរបស់ខ្ញុំ' },
  sending: { en: 'Sending…', km: 'កំពុងផ្ញើ…' },
  thanks: { en: 'Thank you! Your answers have been recorded.', km: 'អរគុណ! ចម្លើយរបស់អ្នកត្រូវបានកត់ត្រាទុកហើយ។' },
  alreadyAnswered: { en: 'This device has already answered this poll. Thank you!', km: 'ឧបករណ៍នេះបានឆ្លើយការស្ទង់មតិនេះរួចហើយ។ អរគុណ!' },
  notFound: { en: 'There is no poll with this code. Check the link or the code.', km: 'គ្មានការស្ទង់មតិដែលមានលេខកូដនេះទេ។ សូមពិនិត្យតំណ ឬលេខកូដ។' },
  notYetOpen: { en: 'This poll opens on {time}.', km: 'ការស្ទង់មតិនេះនឹងបើកនៅ {time}។' },
  closed: { en: 'This poll closed on {time}. Thank you for your interest.', km: 'ការស្ទង់មតិនេះបានបិទនៅ {time}។ សូមអរគុណចំពោះការចាប់អារម្មណ៍។' },
  openUntil: { en: 'Open until {time}', km: 'បើករហូតដល់ {time}' },
  offline: { en: 'No connection. Try again when you are online.', km: 'គ្មានការតភ្ជាប់។ សូមព្យាយាមម្ដងទៀតនៅពេលមានអ៊ីនធឺណិត។' },
  savedOffline: { en: 'No connection: your answers are saved on this phone and will be sent by themselves when it is back online. You can leave this page open.', km: 'គ្មានការតភ្ជាប់៖ ចម្លើយរបស់អ្នកត្រូវបានរក្សាទុកនៅលើទូរស័ព្ទនេះ ហើយនឹងត្រូវផ្ញើដោយស្វ័យប្រវត្តិ នៅពេលមានអ៊ីនធឺណិតវិញ។ អ្នកអាចទុកទំព័រនេះឱ្យបើក។' },
  retry: { en: 'Try again', km: 'ព្យាយាមម្ដងទៀត' },
  waitSeconds: { en: 'Too many attempts. Please wait {n} seconds and try again.', km: 'ការព្យាយាមច្រើនដងពេក។ សូមរង់ចាំ {n} វិនាទី រួចព្យាយាមម្ដងទៀត។' },
  fix: { en: 'Some answers need correcting.', km: 'ចម្លើយខ្លះត្រូវកែតម្រូវ។' },
  serverError: { en: 'The server could not answer. Try again later.', km: 'ម៉ាស៊ីនមេមិនអាចឆ្លើយតបបានទេ។ សូមព្យាយាមម្ដងទៀតពេលក្រោយ។' },
  results: { en: 'Results so far', km: 'លទ្ធផលរហូតមកដល់ពេលនេះ' },
  responses: { en: '{n} responses', km: 'ចម្លើយចំនួន {n}' },
  answered: { en: '{n} answered', km: 'ឆ្លើយ {n} នាក់' },
  tooFew: { en: 'too few responses to show', km: 'ចម្លើយតិចពេក មិនអាចបង្ហាញបាន' },
  refresh: { en: 'Refresh results', km: 'ធ្វើបច្ចុប្បន្នភាពលទ្ធផល' },
};

const code = decodeURIComponent(location.pathname.replace(/^\/p\//, '').split('/')[0] || '');
const storeKey = 'tonle.poll.' + code;
const base = '/api/v1/polls/' + encodeURIComponent(code);

const titleLine = document.getElementById('poll-title');
const loading = document.getElementById('poll-loading');
const errorLine = document.getElementById('poll-error');
const body = document.getElementById('poll-body');

const page = {
  poll: null,
  model: null,
  raw: {},
  errors: {},
  message: null,
  results: null,
  sending: false,
  waitUntil: 0,
};

function remembered() {
  return readJson(storeKey) || {};
}

function remember(values) {
  writeJson(storeKey, Object.assign(remembered(), values));
}

function setError(message) {
  page.message = message;
  errorLine.textContent = message ? t(message) : '';
  errorLine.hidden = !message;
  errorLine.classList.toggle('waiting', message === S.savedOffline);
}

function render() {
  applyLang();
  const poll = page.poll;
  titleLine.textContent = poll ? t(poll.title) : t(S.poll);
  document.title = titleLine.textContent;
  setError(page.message);
  if (!poll) {
    return;
  }
  loading.hidden = true;
  if (remembered().answered) {
    show(body, thanks(), page.results ? resultsBlock(page.results) : null);
    return;
  }
  if (!poll.open) {
    const notYet = Date.parse(poll.opensAt) > Date.now();
    setError(page.message || fill(notYet ? S.notYetOpen : S.closed, { time: when(notYet ? poll.opensAt : poll.closesAt) }));
    show(body, page.results ? resultsBlock(page.results) : null);
    return;
  }
  show(body, pollForm());
}

function pollForm() {
  const model = page.model;
  const state = computeState(model, page.raw);
  const parts = [];
  if (model.def.description) {
    parts.push(el('p', { class: 'note' }, t(model.def.description)));
  }
  parts.push(el('p', { class: 'note' }, t(fill(S.openUntil, { time: when(page.poll.closesAt) }))));
  let heading = null;
  for (const screen of model.screens) {
    const group = screen.groups.length > 0 ? screen.groups[screen.groups.length - 1] : null;
    if (group && group !== heading) {
      heading = group;
      parts.push(el('h2', {}, t(group.label)));
    }
    for (const q of screen.items) {
      const block = questionBlock(q, page.raw[q.name], onInput, heading ? 'h3' : 'h2');
      block.hidden = !state.relevant(q);
      if (page.errors[q.name]) {
        showProblem(block, page.errors[q.name]);
      }
      parts.push(block);
    }
  }
  const submit = el('button', { type: 'submit', id: 'poll-submit', class: 'primary', disabled: page.sending || Date.now() < page.waitUntil },
    t(page.sending ? S.sending : S.submit));
  const form = el('form', { class: 'poll-form', novalidate: true }, parts, submit);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    send();
  });
  return form;
}

function onInput(name, raw) {
  page.raw[name] = raw;
  delete page.errors[name];
  refreshBlocks(body, page.model, page.raw, name);
}

async function send() {
  const state = computeState(page.model, page.raw);
  page.errors = {};
  for (const q of page.model.questions) {
    const p = checkQuestion(q, state);
    if (p) {
      page.errors[q.name] = p;
    }
  }
  if (Object.keys(page.errors).length > 0) {
    page.message = S.fix;
    render();
    focusFirstError();
    return;
  }
  // one instanceId per answer on this device, so that a retry after a lost connection is not a second answer
  const answers = payloadAnswers(page.model, state);
  const kept = remembered();
  const instanceId = kept.instanceId && JSON.stringify(kept.answers) === JSON.stringify(answers) ? kept.instanceId : newInstanceId();
  remember({ instanceId, answers, waiting: true });
  await sendKept();
}

/**
 * Sends the answer kept on this device, once at a time. Without a connection it stays kept
 * (waiting), and goes by itself when the browser is online again; the same instanceId makes a
 * second arrival a duplicate, never a second answer.
 */
async function sendKept() {
  const kept = remembered();
  if (page.sending || !kept.waiting || kept.answered || !page.poll) {
    return;
  }
  page.sending = true;
  page.message = null;
  render();
  let res;
  try {
    res = await api(base + '/responses', {
      method: 'POST', body: { instanceId: kept.instanceId, answers: kept.answers, respondentToken: page.poll.respondentToken },
    });
  } catch (e) {
    page.sending = false;
    page.message = e instanceof NetworkError ? S.savedOffline : S.serverError;
    render();
    return;
  }
  page.sending = false;
  if (!res.ok && res.status !== 409) {
    remember({ waiting: false }); // refused for a reason a retry cannot mend: the person decides what to do
  }
  await answered(res);
}

async function answered(res) {
  const problem = res.body && res.body.error;
  const problemCode = problem ? problem.code : null;
  if (res.ok || problemCode === 'poll.already_answered' || problemCode === 'submission.conflict') {
    remember({ answered: true, waiting: false, at: new Date().toISOString(), already: !res.ok });
    page.message = null;
    await loadResults();
    render();
    document.getElementById('poll-thanks').focus();
    return;
  }
  if (problemCode === 'poll.respondent_required' && !page.retried) {
    page.retried = true; // the respondent token expired: fetch a fresh one and send again
    remember({ waiting: true });
    await load();
    return;
  }
  if (res.status === 429) {
    const seconds = Number(res.headers.get('Retry-After')) || 30;
    page.waitUntil = Date.now() + seconds * 1000;
    page.message = fill(S.waitSeconds, { n: seconds });
    setTimeout(render, seconds * 1000 + 50);
  } else if (problemCode === 'submission.invalid') {
    const unplaced = [];
    for (const d of problem.details || []) {
      if (page.model.byName.has(d.field)) {
        page.errors[d.field] = { code: d.code, message: d.message };
      } else {
        unplaced.push(t(d.message));
      }
    }
    page.message = unplaced.length > 0 ? { en: unplaced.join(' '), km: unplaced.join(' ') } : S.fix;
  } else if (problemCode === 'poll.closed' || problemCode === 'poll.full') {
    page.poll.open = false; // nothing more can be sent here: show why, and the results when they are public
    page.message = errorMessage(res.body, S.serverError);
    await loadResults();
  } else {
    page.message = errorMessage(res.body, S.serverError);
  }
  render();
  focusFirstError();
}

function focusFirstError() {
  const first = body.querySelector('.invalid');
  if (first) {
    (first.querySelector('input, textarea') || first).focus();
    first.scrollIntoView({ block: 'center' });
  } else if (!errorLine.hidden) {
    errorLine.scrollIntoView({ block: 'center' });
  }
}

function thanks() {
  const already = remembered().already;
  return el('p', { id: 'poll-thanks', class: 'message thanks', tabindex: '-1' }, t(already ? S.alreadyAnswered : S.thanks));
}

async function loadResults() {
  if (!page.poll || !page.poll.publicResults) {
    page.results = null;
    return;
  }
  try {
    const res = await api(base + '/results');
    page.results = res.ok ? res.body : null;
  } catch (e) {
    page.results = null;
  }
}

/** Counts as bars; a withheld cell says so, and is never drawn as zero. */
function resultsBlock(results) {
  const questions = (results.questions || []).map((q) => {
    const rows = q.suppressed
      ? [el('p', { class: 'suppressed' }, t(S.tooFew))]
      : q.choices.map((c) => {
        if (c.suppressed || c.share === null || c.share === undefined) {
          return el('div', { class: 'bar-row', 'data-value': c.value, 'data-suppressed': 'true' },
            el('div', { class: 'bar-label' }, el('span', {}, t(c.label)), el('span', { class: 'suppressed' }, t(S.tooFew))));
        }
        const fillBar = el('div', { class: 'bar-fill' });
        fillBar.style.width = Math.max(0, Math.min(100, c.share * 100)).toFixed(1) + '%';
        return el('div', { class: 'bar-row', 'data-value': c.value },
          el('div', { class: 'bar-label' }, el('span', {}, t(c.label)),
            el('span', { class: 'share' }, num(c.share * 100) + '% (' + num(c.count) + ')')),
          el('div', { class: 'bar-track', role: 'img', 'aria-label': t(c.label) + ': ' + num(c.share * 100) + '%' }, fillBar));
      });
    return el('section', { class: 'result-q', 'data-question': q.name },
      el('h3', {}, t(q.label)),
      q.n === null || q.n === undefined ? null : el('p', { class: 'note' }, t(fill(S.answered, { n: q.n }))),
      rows);
  });
  const refresh = el('button', { type: 'button', id: 'poll-refresh' }, t(S.refresh));
  refresh.addEventListener('click', async () => {
    await loadResults();
    render();
  });
  return el('section', { id: 'poll-results', class: 'card results' },
    el('h2', {}, t(S.results)), el('p', { class: 'note' }, t(fill(S.responses, { n: results.responses }))), questions, refresh);
}

async function load() {
  let res;
  try {
    res = await api(base);
  } catch (e) {
    loading.hidden = true;
    page.message = S.offline;
    render();
    show(body, retryButton());
    return;
  }
  loading.hidden = true;
  if (!res.ok) {
    const problemCode = res.body && res.body.error && res.body.error.code;
    if (res.status === 429) {
      page.message = fill(S.waitSeconds, { n: Number(res.headers.get('Retry-After')) || 30 });
    } else {
      page.message = problemCode === 'poll.not_found' || res.status === 404 ? S.notFound : errorMessage(res.body, S.serverError);
    }
    render();
    show(body, res.status === 404 ? null : retryButton());
    return;
  }
  page.poll = res.body;
  page.model = prepareForm(res.body.form);
  page.message = null;
  const kept = remembered();
  if (kept.waiting && !kept.answered && kept.answers) {
    page.raw = Object.assign({}, kept.answers, page.raw); // an answer kept offline, shown as it will be sent
  }
  if (kept.answered || !page.poll.open) {
    await loadResults();
  }
  render();
  sendKept();
}

function retryButton() {
  const b = el('button', { type: 'button', class: 'primary' }, t(S.retry));
  b.addEventListener('click', () => {
    loading.hidden = false;
    load();
  });
  return b;
}

langButton(document.getElementById('lang-toggle'), render);
applyLang();
window.addEventListener('online', () => (page.poll ? sendKept() : load()));
setInterval(() => {
  if (navigator.onLine !== false && remembered().waiting) {
    sendKept();
  }
}, 30000);
load();
