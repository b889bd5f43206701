// The public scorecard: the latest release of the ROAM-X indicators, for anyone, without logging in.
// It shows only what a release publishes (rounded, small groups withheld), never the live tables,
// with the dashboard's charts and tables (indicator-view.js).

import { api, applyLang, el, errorMessage, fill, langButton, NetworkError, num, show, t, TEXT, when } from './common.js';
import {
  S, breakdownLabel, ciText, drawChart, drawTable, downloadCsv, formatValue, loadChart, loadForm, scrollHint, shown,
} from './indicator-view.js';

const P = {
  title: { en: 'ROAM-X scorecard for Cambodia', km: 'តារាងពិន្ទុ ROAM-X សម្រាប់កម្ពុជា' },
  release: { en: 'Release {number}: {title}. Published {date}.', km: 'ការចេញផ្សាយលេខ {number}៖ {title}។ ចេញផ្សាយនៅ {date}។' },
  withheldNote: {
    en: 'Small groups are withheld: a figure from too few people, or one that would let such a figure be worked out, is shown as “withheld”. Figures are rounded, and a figure changes from one release to the next only once enough new answers have changed it.',
    km: 'ក្រុមតូចៗមិនត្រូវបានបង្ហាញទេ៖ តួលេខដែលបានមកពីមនុស្សតិចពេក ឬតួលេខដែលអាចឱ្យគេគណនាតួលេខបែបនោះបាន ត្រូវបានបង្ហាញថា «មិនបង្ហាញ»។ តួលេខត្រូវបានបង្គត់ ហើយតួលេខមួយផ្លាស់ប្ដូរពីការចេញផ្សាយមួយទៅការចេញផ្សាយបន្ទាប់ លុះត្រាតែមានចម្លើយថ្មីគ្រប់គ្រាន់បានផ្លាស់ប្ដូរវា។',
  },
  none: { en: 'Nothing has been released yet.', km: 'មិនទាន់មានអ្វីត្រូវបានចេញផ្សាយនៅឡើយទេ។' },
  withheld: { en: 'withheld', km: 'មិនបង្ហាញ' },
  legendWithheld: { en: '“withheld”: not published, to protect small groups; never zero', km: '«មិនបង្ហាញ»៖ មិនបានផ្សព្វផ្សាយ ដើម្បីការពារក្រុមតូចៗ មិនមែនសូន្យទេ' },
  nRounded: { en: 'about {n} people asked', km: 'បានសួរមនុស្សប្រហែល {n} នាក់' },
};

const view = document.getElementById('view');
const statusLine = document.getElementById('status');
const page = { release: null, status: null };

shown.suppressed = P.withheld;
shown.onChartFailed = () => setStatus(S.chartFailed);

function setStatus(text) {
  page.status = text;
  statusLine.textContent = text ? t(text) : '';
}

function route() {
  const m = /^#\/indicator\/([^?]+)(?:\?by=(.*))?$/.exec(location.hash);
  return m ? { indicator: decodeURIComponent(m[1]), by: m[2] === undefined ? null : decodeURIComponent(m[2]) } : {};
}

async function get(path) {
  try {
    return await api(path);
  } catch (e) {
    setStatus(e instanceof NetworkError ? TEXT.offline : TEXT.serverError);
    return null;
  }
}

async function render() {
  applyLang();
  document.title = t(P.title);
  document.getElementById('bar-title').textContent = t(P.title);
  statusLine.textContent = page.status ? t(page.status) : '';
  if (!page.release && !(await loadRelease())) {
    return;
  }
  if (route().indicator) {
    await renderIndicator();
  } else {
    renderScorecard();
  }
}

/** The latest release, pinned for this visit: every table read afterwards comes from the same one. */
async function loadRelease() {
  const res = await get('/api/v1/releases/latest');
  if (!res) {
    return false;
  }
  if (!res.ok) {
    show(view, el('h1', {}, t(P.title)), el('p', { class: 'note' }, t(res.status === 404 ? P.none : errorMessage(res.body, S.loadFailed))));
    return false;
  }
  page.release = res.body;
  return true;
}

function releaseLine() {
  const r = page.release;
  return el('div', { class: 'release-note' },
    el('p', { id: 'release-line' }, t(fill(P.release, { number: num(r.number), title: t(r.title), date: when(r.createdAt) }))),
    el('p', { class: 'note', id: 'withheld-note' }, t(P.withheldNote)));
}

function renderScorecard() {
  const categories = page.release.categories.map((category) => el('section', { class: 'category', 'data-category': category.category },
    el('h2', {}, category.category + ' · ' + t(category.name)),
    category.themes.map((theme) => el('div', { class: 'theme' },
      el('h3', {}, t(fill(S.theme, { theme: theme.theme }))),
      el('ul', { class: 'list' }, theme.indicators.map(indicatorLink))))));
  show(view, el('h1', {}, t(P.title)), releaseLine(), el('div', { id: 'scorecard' }, categories));
}

function indicatorLink(indicator) {
  const e = indicator.estimate || {};
  const meta = e.suppressed ? [el('span', { class: 'flag' }, t(P.withheld))]
    : [ciText(e, indicator.unit), ' · ', t(fill(P.nRounded, { n: num(e.n) }))];
  return el('li', {}, el('a', {
    class: 'indicator-link', 'data-indicator': indicator.id, href: '#/indicator/' + encodeURIComponent(indicator.id),
  }, el('span', { class: 'title' }, t(indicator.title)),
  el('span', { class: 'value' }, e.suppressed ? t(P.withheld) : formatValue(e.value, indicator.unit)),
  el('span', { class: 'meta' }, meta)));
}

function scoreUrl(id, by) {
  return '/api/v1/releases/' + page.release.number + '/indicators/' + encodeURIComponent(id)
    + (by.length > 0 ? '?by=' + encodeURIComponent(by.join(',')) : '');
}

/** One indicator of the release: by province when it has provinces, else by its first breakdown. */
async function renderIndicator() {
  const wanted = route();
  show(view, el('p', { class: 'loading' }, t(TEXT.loading)));
  loadChart().catch(() => {});
  let by = wanted.by === null ? ['province'] : wanted.by.split(',').filter(Boolean);
  let res = await get(scoreUrl(wanted.indicator, by));
  if (res && wanted.by === null && res.status === 400) {
    const plain = await get(scoreUrl(wanted.indicator, []));
    const supported = plain && plain.ok ? plain.body.disaggregations || [] : [];
    by = supported.length > 0 ? supported[0].split(',') : [];
    res = by.length > 0 ? await get(scoreUrl(wanted.indicator, by)) : plain;
  }
  if (!res || !res.ok) {
    setStatus(res ? errorMessage(res.body, S.loadFailed) : TEXT.offline);
    return;
  }
  shown.score = res.body;
  shown.by = res.body.by || by;
  shown.sort = null;
  await loadForm(res.body);
  if (route().indicator === wanted.indicator) {
    drawIndicator();
  }
}

function drawIndicator() {
  const score = shown.score;
  const e = score.estimate || {};
  const select = el('select', { id: 'breakdown', name: 'breakdown' }, (score.disaggregations || []).map((d) => el('option', {
    value: d, selected: d === shown.by.join(','),
  }, t(breakdownLabel(d.split(','))))));
  select.addEventListener('change', () => {
    location.hash = '#/indicator/' + encodeURIComponent(score.id) + '?by=' + encodeURIComponent(select.value);
  });
  if (shown.chart) {
    shown.chart.destroy();
    shown.chart = null;
  }
  show(view, el('section', { class: 'indicator', 'data-indicator': score.id },
    el('div', { class: 'who' }, el('a', { href: '#', class: 'link', id: 'back-scorecard' }, t(S.back))),
    el('h1', { id: 'indicator-title' }, t(score.title)),
    releaseLine(),
    el('p', { class: 'note' }, t(score.universe), ' · ', score.source || ''),
    el('div', { class: 'headline' },
      el('span', { id: 'national-value' }, e.suppressed ? t(P.withheld) : formatValue(e.value, score.unit)),
      el('span', { id: 'national-ci', class: 'note' }, e.suppressed ? '' : ciText(e, score.unit))),
    el('div', { class: 'controls' },
      el('div', {}, el('label', { for: 'breakdown' }, t(S.breakdown)), select),
      el('button', { type: 'button', id: 'download-csv', onclick: downloadCsv }, t(S.download))),
    el('div', { class: 'chart-box', id: 'chart-box' }, el('canvas', { id: 'chart', role: 'img' })),
    el('p', { class: 'legend-note' },
      el('span', { class: 'swatch' }), t(S.legendBar), ' · ',
      el('span', { class: 'swatch low' }), t(S.legendLow), ' · ', t(P.legendWithheld)),
    el('p', { class: 'scroll-hint', id: 'scroll-hint', hidden: true }, el('span', { 'aria-hidden': 'true' }, '⇆ '), t(S.scrollHint)),
    el('div', { class: 'table-wrap', id: 'table-wrap', role: 'region', tabindex: '0', 'aria-labelledby': 'table-caption' },
      el('table', { id: 'province-table' }))));
  drawChart(score);
  drawTable(score);
}

langButton(document.getElementById('lang-toggle'), () => {
  if (route().indicator && shown.score) {
    applyLang();
    document.title = t(P.title);
    document.getElementById('bar-title').textContent = t(P.title);
    statusLine.textContent = page.status ? t(page.status) : '';
    drawIndicator();
  } else {
    render();
  }
});
window.addEventListener('hashchange', () => {
  setStatus(null);
  render();
});
window.addEventListener('resize', scrollHint);
render();
