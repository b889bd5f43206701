// The dashboard's exports view (#/exports), loaded only when opened: per form, the answers as
// codes or labels, the review states, a date range, select_multiple split or joined, and a CSV,
// an Excel workbook or the analysis pack for R, Stata and SPSS; and the indicator tables.
// Downloads are plain links (the token in the address, as for the live stream), so the browser
// streams a file of any size to disk instead of holding it in memory.

import { api, el, show, t, TEXT } from './common.js';

const S = {
  title: { en: 'Get the data out', km: 'ទាញយកទិន្នន័យ' },
  back: { en: '← Scorecard', km: '← តារាងពិន្ទុ' },
  lang: { en: 'Answers as', km: 'ចម្លើយជា' },
  values: { en: 'codes', km: 'លេខកូដ' },
  en: { en: 'English labels', km: 'ស្លាកជាភាសាអង់គ្លេស' },
  km: { en: 'Khmer labels', km: 'ស្លាកជាភាសាខ្មែរ' },
  states: { en: 'Review states', km: 'ស្ថានភាពនៃការត្រួតពិនិត្យ' },
  received: { en: 'received', km: 'បានទទួល' },
  approved: { en: 'approved', km: 'បានអនុម័ត' },
  on_hold: { en: 'on hold', km: 'ផ្អាក' },
  rejected: { en: 'rejected', km: 'បានបដិសេធ' },
  dates: { en: 'Dates', km: 'កាលបរិច្ឆេទ' },
  collected: { en: 'interviewed', km: 'បានសម្ភាសន៍' },
  receivedOn: { en: 'received by the server', km: 'ម៉ាស៊ីនមេបានទទួល' },
  since: { en: 'from', km: 'ពី' },
  until: { en: 'to', km: 'ដល់' },
  multiple: { en: 'Several answers', km: 'ចម្លើយច្រើន' },
  split: { en: 'one 0/1 column per choice', km: 'ជួរឈរ 0/1 មួយសម្រាប់ជម្រើសនីមួយៗ' },
  joined: { en: 'one column', km: 'ជួរឈរតែមួយ' },
  csv: { en: 'CSV', km: 'CSV' },
  xlsx: { en: 'Excel', km: 'Excel' },
  zip: { en: 'Analysis pack (R, Stata, SPSS)', km: 'កញ្ចប់វិភាគ (R, Stata, SPSS)' },
  indicators: { en: 'Indicator tables: every indicator by every breakdown', km: 'តារាងសូចនាករ៖ សូចនាករនីមួយៗតាមការបែងចែកនីមួយៗ' },
  hint: { en: 'Each file holds what was received up to the moment you click; its name says that moment.', km: 'ឯកសារនីមួយៗមានអ្វីដែលបានទទួលរហូតដល់ពេលអ្នកចុច ហើយឈ្មោះរបស់វាប្រាប់ពីពេលនោះ។' },
};
const STATES = ['received', 'approved', 'on_hold', 'rejected'];

/** Renders the exports view into {@code view}; {@code auth} holds the token, {@code ended} logs out. */
export async function renderExports(view, auth, ended) {
  show(view, el('p', { class: 'loading' }, t(TEXT.loading)));
  let res;
  try {
    res = await api('/api/v1/forms', { token: auth.token });
  } catch (e) {
    show(view, el('p', { class: 'status' }, t(TEXT.offline)));
    return;
  }
  if (res.status === 401) {
    ended();
    return;
  }
  const forms = res.ok ? res.body : [];
  show(view,
    el('div', { class: 'who' }, el('h1', {}, t(S.title)),
      el('button', { type: 'button', class: 'link', id: 'back-scorecard', onclick: () => { location.hash = ''; } }, t(S.back))),
    el('p', {}, t(S.hint)),
    forms.map((form) => formCard(form, auth.token)),
    el('section', { class: 'card export-indicators' }, el('h2', {}, t(S.indicators)),
      el('p', { class: 'export-links' },
        link('/api/v1/indicators/export.csv', auth.token, 'indicators-csv', S.csv),
        link('/api/v1/indicators/export.xlsx', auth.token, 'indicators-xlsx', S.xlsx))));
}

function formCard(form, token) {
  const id = form.id;
  const field = (name) => 'export-' + id + '-' + name;
  const lang = select(field('lang'), [['values', S.values], ['en', S.en], ['km', S.km]]);
  const multiple = select(field('multiple'), [['split', S.split], ['joined', S.joined]]);
  const dates = select(field('dates'), [['collected', S.collected], ['received', S.receivedOn]]);
  const since = el('input', { type: 'date', id: field('since') });
  const until = el('input', { type: 'date', id: field('until') });
  const states = STATES.map((s) => el('input', { type: 'checkbox', id: field('state-' + s), value: s, checked: true }));
  const links = el('p', { class: 'export-links' });
  const update = () => {
    const q = new URLSearchParams();
    q.set('lang', lang.value);
    q.set('multiple', multiple.value);
    const chosen = states.filter((c) => c.checked).map((c) => c.value);
    if (chosen.length > 0 && chosen.length < STATES.length) {
      q.set('states', chosen.join(','));
    }
    if (since.value || until.value) {
      q.set('dates', dates.value);
    }
    if (since.value) {
      q.set('since', since.value);
    }
    if (until.value) {
      q.set('until', until.value);
    }
    const base = '/api/v1/forms/' + encodeURIComponent(id) + '/export.';
    show(links,
      link(base + 'csv?' + q, token, 'export-csv', S.csv),
      link(base + 'xlsx?' + q, token, 'export-xlsx', S.xlsx),
      link(base + 'zip?' + q, token, 'export-zip', S.zip));
  };
  const card = el('section', { class: 'card export-form', 'data-form': id, oninput: update, onchange: update },
    el('h2', {}, t(form.title)),
    el('div', { class: 'export-options' },
      row(S.lang, field('lang'), lang),
      row(S.multiple, field('multiple'), multiple),
      row(S.dates, field('dates'), dates),
      row(S.since, field('since'), since),
      row(S.until, field('until'), until)),
    el('fieldset', {}, el('legend', {}, t(S.states)),
      states.map((c, i) => el('label', { class: 'inline' }, c, ' ', t(S[STATES[i]])))),
    links);
  update();
  return card;
}

function select(id, options) {
  return el('select', { id }, options.map(([value, label]) => el('option', { value }, t(label))));
}

function row(label, id, input) {
  return el('p', { class: 'export-option' }, el('label', { for: id }, t(label)), input);
}

/** A download link; the token rides in the address, as a download cannot carry a header. */
function link(path, token, kind, label) {
  const href = path + (path.includes('?') ? '&' : '?') + 'access_token=' + encodeURIComponent(token);
  return el('a', { href, class: 'button ' + kind, download: '' }, t(label));
}
