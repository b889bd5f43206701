// The analysts' dashboard: the ROAM-X scorecard, and one indicator at a time broken down by a
// dimension, live, with its confidence intervals, small-cell suppression and a CSV download.
// Chart.js (window.Chart, 70 KB) is loaded only when a chart is about to be shown.

import {
  api, applyLang, el, errorMessage, fill, langButton, NetworkError, readJson, show, t, TEXT, writeJson,
} from './common.js';
import {
  S, formatValue, ciText, breakdownLabel, loadForm, loadChart, drawChart, drawTable, scrollHint, downloadCsv, shown,
} from './indicator-view.js';
import { renderForms } from './forms-admin.js';

const AUTH_KEY = 'tonle.dash.auth';

const view = document.getElementById('view');
const statusLine = document.getElementById('status');
const barTitle = document.getElementById('bar-title');

const dash = {
  auth: readJson(AUTH_KEY),
  loginMessage: null,
  roamx: null,
  source: null,
  live: 'reconnecting',
  status: null,
};

// ---- shell ----

function setStatus(text) {
  dash.status = text;
  statusLine.textContent = text ? t(text) : '';
}

function render() {
  applyLang();
  document.title = t(S.title);
  statusLine.textContent = dash.status ? t(dash.status) : '';
  barTitle.textContent = t(S.title);
  if (!dash.auth) {
    disconnect();
    renderLogin();
  } else if (location.hash === '#/forms' && dash.auth.role === 'admin') {
    disconnect();
    renderForms(view, dash.auth, sessionEnded);
  } else if (location.hash === '#/exports') {
    disconnect();
    import('./exports-view.js').then((m) => m.renderExports(view, dash.auth, sessionEnded))
      .catch(() => setStatus(TEXT.offline));
  } else if (route().indicator) {
    renderIndicator();
  } else {
    disconnect();
    renderScorecard();
  }
}

function route() {
  const m = /^#\/indicator\/([^?]+)(?:\?by=(.*))?$/.exec(location.hash);
  return m ? { indicator: decodeURIComponent(m[1]), by: m[2] === undefined ? null : decodeURIComponent(m[2]) } : {};
}

async function call(path) {
  let res;
  try {
    res = await api(path, { token: dash.auth && dash.auth.token });
  } catch (e) {
    setStatus(e instanceof NetworkError ? TEXT.offline : TEXT.serverError);
    return null;
  }
  if (res.status === 401) {
    sessionEnded();
    return null;
  }
  return res;
}

function sessionEnded() {
  dash.auth = null;
  writeJson(AUTH_KEY, null);
  dash.loginMessage = S.sessionEnded;
  render();
}

// ---- log in ----

function renderLogin() {
  const username = el('input', { id: 'dash-username', name: 'username', autocomplete: 'username', autocapitalize: 'none', required: true });
  const password = el('input', { id: 'dash-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const before = view.querySelector('#dash-login-form');
  if (before) {
    username.value = before.querySelector('#dash-username').value;
    password.value = before.querySelector('#dash-password').value;
  }
  const form = el('form', { class: 'card login', id: 'dash-login-form', novalidate: true },
    el('h1', {}, t(S.loginTitle)),
    el('label', { for: 'dash-username' }, t(TEXT.username)), username,
    el('label', { for: 'dash-password' }, t(TEXT.password)), password,
    el('p', { class: 'field-error', id: 'dash-login-error', role: 'alert', hidden: !dash.loginMessage }, t(dash.loginMessage)),
    el('button', { type: 'submit', id: 'dash-login', class: 'primary' }, t(TEXT.login)));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    await logIn(username.value.trim(), password.value);
  });
  show(view, form);
}

async function logIn(username, password) {
  let res;
  try {
    res = await api('/api/v1/auth/token', { method: 'POST', body: { username, password } });
  } catch (e) {
    dash.loginMessage = TEXT.offline;
    render();
    return;
  }
  if (!res.ok || !res.body || !res.body.token) {
    dash.loginMessage = errorMessage(res.body, res.status === 401 ? TEXT.badLogin : TEXT.serverError);
  } else if (res.body.role !== 'analyst' && res.body.role !== 'admin') {
    dash.loginMessage = S.notAnalyst;
  } else {
    dash.auth = res.body;
    dash.loginMessage = null;
    writeJson(AUTH_KEY, dash.auth);
    setStatus(null);
  }
  render();
}

function logOut() {
  dash.auth = null;
  writeJson(AUTH_KEY, null);
  dash.loginMessage = null;
  disconnect();
  location.hash = '';
  render();
}

// ---- scorecard ----

/** Shows the scorecard at once from the last copy, then again with fresh scores. */
async function renderScorecard() {
  if (dash.roamx) {
    drawScorecard();
  } else {
    show(view, el('p', { class: 'loading' }, t(TEXT.loading)));
  }
  const res = await call('/api/v1/roamx');
  if (!res) {
    return;
  }
  if (!res.ok) {
    setStatus(errorMessage(res.body, S.loadFailed));
    return;
  }
  dash.roamx = res.body;
  if (dash.auth && !route().indicator) {
    drawScorecard();
  }
}

function drawScorecard() {
  const categories = dash.roamx.categories.map((category) => el('section', { class: 'category', 'data-category': category.category },
    el('h2', {}, category.category + ' · ' + t(category.name)),
    category.themes.map((theme) => el('div', { class: 'theme' },
      el('h3', {}, t(fill(S.theme, { theme: theme.theme }))),
      el('ul', { class: 'list' }, theme.indicators.map(indicatorLink))))));
  show(view,
    el('div', { class: 'who' }, el('h1', {}, t(S.scorecard)),
      dash.auth.role === 'admin' ? el('a', { href: '#/forms', class: 'link', id: 'forms-link' }, t({ en: 'Forms', km: 'ទម្រង់បែបបទ' })) : null,
      el('a', { href: '#/exports', class: 'link', id: 'exports-link' }, t({ en: 'Get the data', km: 'ទាញយកទិន្នន័យ' })),
      el('button', { type: 'button', class: 'link', id: 'logout', onclick: logOut }, t(TEXT.logout))),
    el('div', { id: 'scorecard' }, categories));
}

function indicatorLink(indicator) {
  const e = indicator.estimate || {};
  const meta = [];
  if (e.suppressed) {
    meta.push(el('span', { class: 'flag' }, t(S.suppressed)));
  } else {
    meta.push(ciText(e, indicator.unit), ' · ', t(fill(S.n, { n: e.n })));
    if (e.deff !== null && e.deff !== undefined) {
      meta.push(' · ', t(fill(S.deff, { deff: e.deff.toFixed(2) })));
    }
    if (e.flag) {
      meta.push(' ', el('span', { class: 'flag' }, t(e.flag === 'low_precision' ? S.lowPrecision : S.veryLowPrecision)));
    }
  }
  return el('li', {}, el('button', {
    type: 'button', class: 'indicator-link', 'data-indicator': indicator.id,
    onclick: () => {
      location.hash = '#/indicator/' + encodeURIComponent(indicator.id);
    },
  }, el('span', { class: 'title' }, t(indicator.title)),
  el('span', { class: 'value' }, e.suppressed ? t(S.suppressed) : formatValue(e.value, indicator.unit)),
  el('span', { class: 'meta' }, meta)));
}

// ---- one indicator ----

async function renderIndicator() {
  const wanted = route();
  if (!shown.score || shown.score.id !== wanted.indicator || (wanted.by !== null && wanted.by !== shown.by.join(','))) {
    show(view, el('p', { class: 'loading' }, t(TEXT.loading)));
    if (!(await loadScore(wanted.indicator, wanted.by))) {
      return;
    }
  }
  buildIndicatorView();
  connect();
}

function scoreUrl(id, by) {
  return '/api/v1/indicators/' + encodeURIComponent(id) + (by.length > 0 ? '?by=' + encodeURIComponent(by.join(',')) : '');
}

/**
 * The score of one indicator, the form that names its groups, and Chart.js, all at once. With no
 * breakdown asked for, the provinces are tried first; the few indicators without them name the
 * breakdowns they have in the refusal's stead, by their plain score.
 */
async function loadScore(id, byParam) {
  const summary = dash.roamx ? dash.roamx.categories.flatMap((c) => c.themes.flatMap((th) => th.indicators)).find((i) => i.id === id) : null;
  const labels = summary ? loadForm(summary) : null;
  loadChart().catch(() => {});
  let by = byParam === null ? ['province'] : byParam.split(',').filter(Boolean);
  let res = await call(scoreUrl(id, by));
  if (res && byParam === null && res.status === 400) {
    const plain = await call(scoreUrl(id, []));
    const supported = plain && plain.ok ? plain.body.disaggregations || [] : [];
    by = supported.length > 0 ? supported[0].split(',') : [];
    res = by.length > 0 ? await call(scoreUrl(id, by)) : plain;
  }
  if (!res) {
    return false;
  }
  if (!res.ok) {
    setStatus(errorMessage(res.body, S.loadFailed));
    return false;
  }
  shown.score = res.body;
  shown.by = res.body.by || by;
  shown.sort = null;
  setStatus(null);
  await (labels || loadForm(res.body));
  return true;
}

function buildIndicatorView() {
  const score = shown.score;
  const select = el('select', { id: 'breakdown', name: 'breakdown' }, (score.disaggregations || []).map((d) => el('option', {
    value: d, selected: d === shown.by.join(','),
  }, t(breakdownLabel(d.split(','))))));
  select.addEventListener('change', () => {
    location.hash = '#/indicator/' + encodeURIComponent(score.id) + '?by=' + encodeURIComponent(select.value);
  });
  const canvas = el('canvas', { id: 'chart', role: 'img' });
  const chartBox = el('div', { class: 'chart-box', id: 'chart-box' }, canvas);
  show(view, el('section', { class: 'indicator', 'data-indicator': score.id },
    el('div', { class: 'who' },
      el('button', { type: 'button', class: 'link', id: 'back-scorecard', onclick: () => { location.hash = ''; } }, t(S.back)),
      el('button', { type: 'button', class: 'link', id: 'logout', onclick: logOut }, t(TEXT.logout))),
    el('h1', { id: 'indicator-title' }, t(score.title)),
    el('p', { class: 'note' }, t(score.universe), ' · ', score.source || ''),
    el('div', { class: 'headline' },
      el('span', { id: 'national-value' }),
      el('span', { id: 'national-ci', class: 'note' }),
      el('span', { id: 'national-n', class: 'note' }),
      el('span', { id: 'live', class: 'live', 'data-state': dash.live, 'aria-live': 'polite' })),
    el('div', { class: 'controls' },
      el('div', {}, el('label', { for: 'breakdown' }, t(S.breakdown)), select),
      el('button', { type: 'button', id: 'download-csv', onclick: downloadCsv }, t(S.download))),
    (score.disaggregations || []).length === 0 ? el('p', { class: 'note' }, t(S.noBreakdown)) : null,
    chartBox,
    el('p', { class: 'legend-note' },
      el('span', { class: 'swatch' }), t(S.legendBar), ' · ',
      el('span', { class: 'swatch low' }), t(S.legendLow), ' · ', t(S.legendSuppressed)),
    el('p', { class: 'scroll-hint', id: 'scroll-hint', hidden: true }, el('span', { 'aria-hidden': 'true' }, '⇆ '), t(S.scrollHint)),
    el('div', { class: 'table-wrap', id: 'table-wrap', role: 'region', tabindex: '0', 'aria-labelledby': 'table-caption' },
      el('table', { id: 'province-table' }))));
  if (shown.chart) {
    shown.chart.destroy();
    shown.chart = null;
  }
  setLive(dash.live);
  update(score);
}

/** Shows a score (first load or a live event) in the headline, the chart and the table. */
function update(score) {
  shown.score = score;
  const e = score.estimate || {};
  const national = document.getElementById('national-value');
  if (!national) {
    return;
  }
  national.textContent = e.suppressed ? t(S.suppressed) : formatValue(e.value, score.unit);
  document.getElementById('national-ci').textContent = e.suppressed ? '' : ciText(e, score.unit);
  document.getElementById('national-n').textContent = e.suppressed ? '' : t(fill(S.n, { n: e.n }));
  drawChart(score);
  drawTable(score);
}

// ---- live ----

function setLive(state) {
  dash.live = state;
  const dot = document.getElementById('live');
  if (dot) {
    dot.dataset.state = state;
    dot.textContent = t(state === 'live' ? S.live : S.reconnecting);
  }
}

function connect() {
  disconnect();
  const score = shown.score;
  const params = new URLSearchParams({ ids: score.id });
  if (shown.by.length > 0) {
    params.set('by', shown.by.join(','));
  }
  params.set('access_token', dash.auth.token);
  const source = new EventSource('/api/v1/indicators/stream?' + params.toString());
  dash.source = source;
  setLive('reconnecting');
  source.addEventListener('open', () => setLive('live'));
  source.addEventListener('indicator', (event) => {
    setLive('live');
    let data;
    try {
      data = JSON.parse(event.data);
    } catch (e) {
      return;
    }
    if (dash.source === source && data.id === shown.score.id && (data.by || []).join(',') === shown.by.join(',')) {
      update(data);
    }
  });
  source.addEventListener('error', () => {
    setLive('reconnecting');
    if (source.readyState === EventSource.CLOSED) {
      // the browser gave up (for example a 401 once the token expired): check the token, then start again
      setTimeout(() => reconnect(source), 3000);
    }
  });
}

async function reconnect(source) {
  dash.auth = readJson(AUTH_KEY) || dash.auth; // another tab may have logged in again meanwhile
  if (dash.source !== source || !dash.auth) {
    return;
  }
  const res = await call('/api/v1/me');
  if (res && dash.source === source && dash.auth) {
    connect();
  } else if (!res && dash.auth && dash.source === source) {
    setTimeout(() => reconnect(source), 5000);
  }
}

function disconnect() {
  if (dash.source) {
    dash.source.close();
    dash.source = null;
  }
}

// ---- start ----

langButton(document.getElementById('lang-toggle'), () => {
  if (dash.auth && route().indicator && shown.score) {
    applyLang();
    statusLine.textContent = dash.status ? t(dash.status) : '';
    const live = dash.live;
    buildIndicatorView();
    setLive(live);
  } else {
    render();
  }
});
shown.onChartFailed = () => setStatus(S.chartFailed);
window.addEventListener('hashchange', render);
window.addEventListener('resize', scrollHint);
render();
