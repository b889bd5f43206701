// What the analysts' dashboard and the public scorecard share: labels, number formats, the chart
// with its intervals and withheld cells, the sortable table and the CSV download, for the score
// shown now (`shown`). Chart.js is loaded only when the first chart is about to be drawn.

import { api, el, fill, lang, num, show, t } from './common.js';
import { formatNumber } from './format.js';

/** The score on screen, its breakdown, the forms that name its groups, the table's sort and the chart. */
export const shown = {
  score: null,
  by: [],
  forms: new Map(),
  formLoads: new Map(),
  sort: null,
  chart: null,
  onChartFailed: null,
  /** What a withheld cell is called: "suppressed" for analysts, "withheld" on the public scorecard. */
  suppressed: null,
};

function suppressedLabel() {
  return shown.suppressed || S.suppressed;
}

export const S = {
  title: { en: 'ROAM-X dashboard', km: 'ផ្ទាំងព័ត៌មាន ROAM-X' },
  loginTitle: { en: 'Log in to the dashboard', km: 'ចូលផ្ទាំងព័ត៌មាន' },
  notAnalyst: { en: 'This account cannot open the dashboard: it needs the supervisor, analyst or admin role. The published scorecard is at /scorecard.', km: 'គណនីនេះមិនអាចបើកផ្ទាំងព័ត៌មានបានទេ៖ ត្រូវការតួនាទីអ្នកត្រួតពិនិត្យ អ្នកវិភាគ ឬអ្នកគ្រប់គ្រង។ តារាងពិន្ទុដែលបានចេញផ្សាយមាននៅ /scorecard។' },
  sessionEnded: { en: 'Your session has ended. Please log in again.', km: 'វគ្គរបស់អ្នកបានផុតកំណត់។ សូមចូលម្ដងទៀត។' },
  scorecard: { en: 'Scorecard', km: 'តារាងពិន្ទុ' },
  back: { en: '← Scorecard', km: '← តារាងពិន្ទុ' },
  theme: { en: 'Theme {theme}', km: 'ប្រធានបទ {theme}' },
  breakdown: { en: 'Breakdown', km: 'បែងចែកតាម' },
  download: { en: 'Download CSV', km: 'ទាញយក CSV' },
  live: { en: 'Live', km: 'ផ្ទាល់' },
  reconnecting: { en: 'Reconnecting…', km: 'កំពុងភ្ជាប់ឡើងវិញ…' },
  ci: { en: '95% CI {lo}–{hi}', km: 'ចន្លោះទំនុកចិត្ត ៩៥%៖ {lo}–{hi}' },
  n: { en: 'n = {n}', km: 'n = {n}' },
  suppressed: { en: 'suppressed', km: 'បានលាក់' },
  lowPrecision: { en: 'low precision', km: 'ភាពជាក់លាក់ទាប' },
  veryLowPrecision: { en: 'very low precision', km: 'ភាពជាក់លាក់ទាបណាស់' },
  deff: { en: 'design effect {deff}', km: 'ឥទ្ធិពលនៃការរចនាគំរូ {deff}' },
  deffColumn: { en: 'Design effect', km: 'ឥទ្ធិពលការរចនា' },
  legendBar: { en: 'estimate; the line across each bar is its 95% confidence interval', km: 'ការប៉ាន់ស្មាន៖ បន្ទាត់លើរបារនីមួយៗគឺជាចន្លោះទំនុកចិត្ត ៩៥%' },
  legendLow: { en: 'low precision: 25 to 49 respondents, an effective sample of 25 to 49, or a coefficient of variation over 33%', km: 'ភាពជាក់លាក់ទាប៖ អ្នកឆ្លើយពី ២៥ ដល់ ៤៩ នាក់ ទំហំគំរូមានប្រសិទ្ធភាពពី ២៥ ដល់ ៤៩ ឬមេគុណបម្រែបម្រួលលើសពី ៣៣%' },
  legendSuppressed: { en: '“suppressed”: withheld because too few people are in the group; never zero', km: '«បានលាក់»៖ មិនបង្ហាញ ព្រោះមានមនុស្សតិចពេកក្នុងក្រុម មិនមែនសូន្យទេ' },
  value: { en: 'Value', km: 'តម្លៃ' },
  interval: { en: '95% CI', km: 'ចន្លោះទំនុកចិត្ត ៩៥%' },
  note: { en: 'Note', km: 'កំណត់សម្គាល់' },
  total: { en: 'National', km: 'ថ្នាក់ជាតិ' },
  noBreakdown: { en: 'This indicator has no breakdown.', km: 'សូចនាករនេះមិនមានការបែងចែកទេ។' },
  loadFailed: { en: 'The scores could not be loaded.', km: 'មិនអាចផ្ទុកពិន្ទុបានទេ។' },
  indicatorTable: { en: '{title}, by {by}', km: '{title} តាម{by}' },
  scrollHint: { en: 'The table is wider than the screen: swipe it sideways to see every column.', km: 'តារាងធំជាងអេក្រង់៖ អូសវាទៅឆ្វេង ឬស្ដាំ ដើម្បីមើលជួរឈរទាំងអស់។' },
  chartFailed: { en: 'The chart could not be loaded; the table below has every value.', km: 'មិនអាចផ្ទុកក្រាហ្វបានទេ។ តារាងខាងក្រោមមានតម្លៃទាំងអស់។' },
};

export const DIMENSIONS = {
  sex: { en: 'Sex', km: 'ភេទ' },
  age_group: { en: 'Age group', km: 'ក្រុមអាយុ' },
  province: { en: 'Province', km: 'ខេត្ត' },
  area: { en: 'Urban or rural', km: 'ទីក្រុង ឬជនបទ' },
  disability: { en: 'Disability', km: 'ពិការភាព' },
};

export const FIXED_LABELS = {
  disability: { yes: { en: 'With disability', km: 'មានពិការភាព' }, no: { en: 'Without disability', km: 'គ្មានពិការភាព' } },
};

export const REASONS = {
  small_denominator: { en: 'fewer than 25 respondents', km: 'អ្នកឆ្លើយតិចជាង ២៥ នាក់' },
  small_effective_n: { en: 'effective sample under 25 (very unequal weights)', km: 'ទំហំគំរូមានប្រសិទ្ធភាពតិចជាង ២៥ (ទម្ងន់មិនស្មើគ្នាខ្លាំង)' },
  small_count: { en: 'too few people with or without the attribute', km: 'មនុស្សតិចពេកដែលមាន ឬគ្មានលក្ខណៈនេះ' },
  imprecise: { en: 'too imprecise to publish (coefficient of variation over 50%)', km: 'មិនច្បាស់លាស់គ្រប់គ្រាន់ដើម្បីផ្សព្វផ្សាយ (មេគុណបម្រែបម្រួលលើសពី ៥០%)' },
  complementary: { en: 'withheld so that another hidden cell cannot be worked out', km: 'លាក់ ដើម្បីកុំឱ្យគេគណនាក្រឡាដែលលាក់ផ្សេងទៀតបាន' },
  withheld: { en: 'withheld: too few people, or it would let a small group be worked out', km: 'មិនបង្ហាញ៖ មនុស្សតិចពេក ឬវានឹងអាចឱ្យគេគណនាក្រុមតូចមួយបាន' },
};

export const COLORS = ['#0b5d7a', '#d9733b', '#5b8c2a', '#8e5ba6', '#b8860b', '#2f6fb0'];

// ---- formatting and labels ----

export function formatValue(v, unit) {
  if (v === null || v === undefined || Number.isNaN(v)) {
    return '';
  }
  if (unit === 'percent') {
    return formatNumber(v, 1, lang()) + '%';
  }
  if (unit === 'percentage_points') {
    return (v > 0 ? '+' : '') + formatNumber(v, 1, lang()) + ' pp';
  }
  return formatNumber(v, 2, lang());
}

export function formatBound(v, unit) {
  return formatNumber(v, unit === 'percent' || unit === 'percentage_points' ? 1 : 2, lang());
}

export function ciText(estimate, unit) {
  if (!estimate || !estimate.ci) {
    return '';
  }
  return t(fill(S.ci, { lo: formatBound(estimate.ci[0], unit), hi: formatBound(estimate.ci[1], unit) }));
}

export function dimensionLabel(dim) {
  return DIMENSIONS[dim] || { en: dim, km: dim };
}

export function breakdownLabel(dims) {
  const parts = dims.map(dimensionLabel);
  return { en: parts.map((p) => p.en).join(' × '), km: parts.map((p) => p.km).join(' × ') };
}

/** A group's name in both languages: fixed names, else the choice label of the form question of that name. */
export function valueLabel(dim, value) {
  const fixed = FIXED_LABELS[dim] && FIXED_LABELS[dim][value];
  if (fixed) {
    return fixed;
  }
  const def = shown.score && formOf(shown.score);
  const list = def ? choicesOf(def, dim) : null;
  const choice = list ? list.find((c) => c.value === value) : null;
  return choice ? choice.label : { en: String(value), km: String(value) };
}

export function formOf(score) {
  return shown.forms.get(score.formId || (score.forms || [])[0]);
}

export function choicesOf(def, name) {
  const find = (nodes) => {
    for (const node of nodes || []) {
      if (node.type === 'group') {
        const inner = find(node.questions);
        if (inner) {
          return inner;
        }
      } else if (node.name === name) {
        return node;
      }
    }
    return null;
  };
  const q = find(def.questions);
  return q && typeof q.choices === 'string' ? (def.choices || {})[q.choices] : null;
}

/** The rows of the current breakdown: one per cell, with labels in both languages. */
export function rows(score) {
  return (score.cells || []).map((cell, index) => {
    const labels = score.by.map((dim) => valueLabel(dim, cell.key[dim]));
    return {
      index,
      cell,
      key: score.by.map((dim) => cell.key[dim]),
      labels,
      label: { en: labels.map((l) => l.en).join(' · '), km: labels.map((l) => l.km).join(' · ') },
      value: cell.suppressed ? null : cell.value,
    };
  });
}

/** The form whose choice labels name an indicator's groups, fetched once per page. */
export function loadForm(indicator) {
  const formId = indicator.formId || (indicator.forms || [])[0];
  if (!formId) {
    return Promise.resolve();
  }
  if (!shown.formLoads.has(formId)) {
    shown.formLoads.set(formId, api('/api/v1/forms/' + encodeURIComponent(formId)).then((res) => {
      if (res.ok) {
        shown.forms.set(formId, res.body);
      } else {
        shown.formLoads.delete(formId);
      }
    }, () => {
      shown.formLoads.delete(formId); // labels fall back to the codes, and are asked for again next time
    }));
  }
  return shown.formLoads.get(formId);
}

let chartLoad = null;

/** Chart.js, added to the page the first time a chart is shown. */
export function loadChart() {
  if (window.Chart) {
    return Promise.resolve(window.Chart);
  }
  if (!chartLoad) {
    chartLoad = new Promise((resolve, reject) => {
      const script = el('script', { src: '/vendor/chart.umd.js' });
      script.addEventListener('load', () => resolve(window.Chart));
      script.addEventListener('error', () => {
        chartLoad = null;
        script.remove();
        reject(new Error('Chart.js did not load'));
      });
      document.head.append(script);
    });
  }
  return chartLoad;
}

// ---- chart ----

const patterns = new Map();

/** Diagonal hatching in a colour: how a low-precision bar is drawn. */
export function hatch(color) {
  if (!patterns.has(color)) {
    const tile = document.createElement('canvas');
    tile.width = 8;
    tile.height = 8;
    const c = tile.getContext('2d');
    c.fillStyle = color + '33';
    c.fillRect(0, 0, 8, 8);
    c.strokeStyle = color;
    c.lineWidth = 2;
    c.beginPath();
    c.moveTo(-2, 10);
    c.lineTo(10, -2);
    c.moveTo(6, 10);
    c.lineTo(10, 6);
    c.moveTo(-2, 2);
    c.lineTo(2, -2);
    c.stroke();
    patterns.set(color, c.createPattern(tile, 'repeat'));
  }
  return patterns.get(color);
}

/** Draws each bar's 95% interval as a whisker, and writes "suppressed" where a withheld cell would be. */
const intervalPlugin = {
  id: 'tonleIntervals',
  afterDatasetsDraw(chart) {
    const { ctx, scales } = chart;
    const x = scales.x;
    chart.data.datasets.forEach((dataset, i) => {
      const meta = chart.getDatasetMeta(i);
      if (meta.hidden) {
        return;
      }
      meta.data.forEach((bar, j) => {
        const row = dataset.rows[j];
        if (!row) {
          return;
        }
        const { y, height } = bar.getProps(['y', 'height'], true);
        ctx.save();
        if (row.cell.suppressed) {
          ctx.fillStyle = '#4e616b';
          ctx.font = 'italic 15px "Noto Sans Khmer", "Khmer OS", sans-serif';
          ctx.textBaseline = 'middle';
          ctx.fillText(t(suppressedLabel()), x.getPixelForValue(Math.max(0, x.min)) + 4, y);
        } else if (row.cell.ci) {
          const lo = x.getPixelForValue(row.cell.ci[0]);
          const hi = x.getPixelForValue(row.cell.ci[1]);
          const cap = Math.max(4, Math.min(8, height / 3));
          ctx.beginPath();
          ctx.moveTo(lo, y);
          ctx.lineTo(hi, y);
          ctx.moveTo(lo, y - cap);
          ctx.lineTo(lo, y + cap);
          ctx.moveTo(hi, y - cap);
          ctx.lineTo(hi, y + cap);
          // a white edge under a dark line: the whisker stands out on the bar (teal) and beside it (white)
          ctx.lineCap = 'round';
          ctx.strokeStyle = '#ffffff';
          ctx.lineWidth = 5;
          ctx.stroke();
          ctx.strokeStyle = '#14232b';
          ctx.lineWidth = 2;
          ctx.stroke();
        }
        ctx.restore();
      });
    });
  },
};

/** Chart data: one dataset for a one-way breakdown; for a two-way one, a dataset per group of the first dimension. */
export function chartData(score) {
  const all = rows(score);
  if (score.by.length < 2) {
    return {
      labels: all.map((r) => t(r.label)),
      datasets: [dataset(all, 0, t(score.title))],
    };
  }
  const firsts = [...new Set(all.map((r) => r.key[0]))];
  const rest = [...new Map(all.map((r) => [r.key.slice(1).join('|'), r])).values()];
  return {
    labels: rest.map((r) => r.labels.slice(1).map(t).join(' · ')),
    datasets: firsts.map((first, i) => {
      const aligned = rest.map((r) => all.find((a) => a.key[0] === first && a.key.slice(1).join('|') === r.key.slice(1).join('|')));
      return dataset(aligned, i, t(valueLabel(score.by[0], first)));
    }),
  };
}

export function dataset(aligned, i, label) {
  const color = COLORS[i % COLORS.length];
  return {
    label,
    rows: aligned,
    data: aligned.map((r) => (r && !r.cell.suppressed ? r.value : null)),
    backgroundColor: aligned.map((r) => (r && r.cell.flag === 'low_precision' ? hatch(color) : color)),
    borderColor: color,
    borderWidth: aligned.map((r) => (r && r.cell.flag === 'low_precision' ? 1 : 0)),
  };
}

/** Percentages on 0–100; other units wide enough for every interval, and for zero. */
export function valueAxis(score) {
  if (score.unit === 'percent') {
    return { min: 0, max: 100, ticks: { maxRotation: 0, callback: (v) => num(v) + '%' } };
  }
  let lo = 0;
  let hi = 0;
  for (const c of score.cells || []) {
    if (!c.suppressed) {
      lo = Math.min(lo, c.ci ? c.ci[0] : c.value);
      hi = Math.max(hi, c.ci ? c.ci[1] : c.value);
    }
  }
  return { suggestedMin: lo, suggestedMax: hi, ticks: { maxRotation: 0, callback: (v) => formatNumber(v, Number.isInteger(v) ? 0 : 2, lang()) } };
}

export function drawChart(score) {
  const canvas = document.getElementById('chart');
  if (!canvas) {
    return;
  }
  if (!window.Chart) {
    loadChart().then(() => {
      if (shown.score === score) {
        drawChart(score);
      }
    }, () => shown.onChartFailed && shown.onChartFailed());
    return;
  }
  const data = chartData(score);
  const bars = data.labels.length * data.datasets.length;
  document.getElementById('chart-box').style.height = Math.max(220, bars * 24 + data.labels.length * 8 + 70) + 'px';
  canvas.setAttribute('aria-label', t(score.title) + ': ' + t(breakdownLabel(score.by)));
  if (shown.chart) {
    shown.chart.data.labels = data.labels;
    shown.chart.data.datasets = data.datasets;
    shown.chart.options.scales.x = valueAxis(score);
    shown.chart.update('none');
    return;
  }
  window.Chart.defaults.font.family = '"Noto Sans Khmer", "Khmer OS", sans-serif';
  window.Chart.defaults.font.size = 15; // Khmer needs more than Chart.js's 12 px to be read
  window.Chart.defaults.color = '#14232b';
  shown.chart = new window.Chart(canvas, {
    type: 'bar',
    data,
    plugins: [intervalPlugin],
    options: {
      indexAxis: 'y',
      maintainAspectRatio: false,
      animation: false,
      scales: {
        x: valueAxis(score),
        y: { ticks: { autoSkip: false, font: { size: 16 } } },
      },
      plugins: {
        legend: { display: score.by.length > 1 },
        tooltip: {
          callbacks: {
            label: (item) => {
              const row = item.dataset.rows[item.dataIndex];
              if (!row || row.cell.suppressed) {
                return t(suppressedLabel());
              }
              const unit = shown.score.unit;
              return formatValue(row.value, unit) + '  ' + ciText(row.cell, unit) + '  ' + t(fill(S.n, { n: row.cell.n }))
                + (row.cell.flag === 'low_precision' ? '  ' + t(S.lowPrecision) : '');
            },
          },
        },
      },
    },
  });
}

// ---- table and CSV ----

export function sortedRows(score) {
  const all = rows(score);
  const sort = shown.sort;
  if (!sort) {
    return all;
  }
  const compare = sort.key === 'label'
    ? (a, b) => t(a.label).localeCompare(t(b.label)) * sort.dir
    : (a, b) => {
      const va = sort.key === 'n' ? a.cell.n : a.value;
      const vb = sort.key === 'n' ? b.cell.n : b.value;
      if (va === null || va === undefined) {
        return vb === null || vb === undefined ? a.index - b.index : 1;
      }
      if (vb === null || vb === undefined) {
        return -1;
      }
      return (va - vb) * sort.dir || a.index - b.index;
    };
  return all.sort(compare);
}

export function sortButton(key, label) {
  const active = shown.sort && shown.sort.key === key;
  const arrow = active ? (shown.sort.dir < 0 ? ' ▼' : ' ▲') : '';
  return el('button', {
    type: 'button', 'data-sort': key,
    onclick: () => {
      const dir = active ? -shown.sort.dir : key === 'label' ? 1 : -1;
      shown.sort = { key, dir };
      drawTable(shown.score);
    },
  }, t(label) + arrow);
}

export function sortState(key) {
  if (!shown.sort || shown.sort.key !== key) {
    return 'none';
  }
  return shown.sort.dir < 0 ? 'descending' : 'ascending';
}

export function drawTable(score) {
  const table = document.getElementById('province-table');
  if (!table) {
    return;
  }
  const unit = score.unit;
  const head = el('tr', {},
    el('th', { scope: 'col', 'aria-sort': sortState('label') }, sortButton('label', breakdownLabel(score.by))),
    el('th', { scope: 'col', class: 'num', 'aria-sort': sortState('value') }, sortButton('value', S.value)),
    el('th', { scope: 'col', class: 'num' }, t(S.interval)),
    el('th', { scope: 'col', class: 'num', 'aria-sort': sortState('n') }, sortButton('n', { en: 'n', km: 'n' })),
    el('th', { scope: 'col', class: 'num' }, t(S.deffColumn)),
    el('th', { scope: 'col' }, t(S.note)));
  const body = sortedRows(score).map((r) => {
    const c = r.cell;
    const low = c.flag === 'low_precision';
    return el('tr', { 'data-key': r.key.join(','), class: c.suppressed ? 'sup' : low ? 'low' : null },
      el('th', { scope: 'row' }, t(r.label)),
      el('td', { class: 'num', 'data-value': c.suppressed ? '' : c.value }, c.suppressed ? t(suppressedLabel()) : formatValue(c.value, unit)),
      el('td', { class: 'num' }, c.suppressed || !c.ci ? '' : formatBound(c.ci[0], unit) + '–' + formatBound(c.ci[1], unit)),
      el('td', { class: 'num' }, c.suppressed ? '' : num(c.n)),
      el('td', { class: 'num' }, c.suppressed || c.deff === null || c.deff === undefined ? '' : num(c.deff, 2)),
      el('td', {}, c.suppressed ? t(REASONS[c.reason] || suppressedLabel()) : low ? t(S.lowPrecision)
        : c.flag === 'very_low_precision' ? t(S.veryLowPrecision) : ''));
  });
  show(table,
    el('caption', { class: 'note', id: 'table-caption' }, t(fill(S.indicatorTable, { title: t(score.title), by: t(breakdownLabel(score.by)) }))),
    el('thead', {}, head), el('tbody', {}, body));
  scrollHint();
}

/** Says the table scrolls sideways, when it does. */
export function scrollHint() {
  const wrap = document.getElementById('table-wrap');
  const hint = document.getElementById('scroll-hint');
  if (wrap && hint) {
    hint.hidden = wrap.scrollWidth <= wrap.clientWidth + 1;
  }
}

export function csvField(v) {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

/** The table as CSV: UTF-8 with a byte-order mark (so spreadsheets read the Khmer), labels in English and Khmer. */
export function downloadCsv() {
  const score = shown.score;
  const header = ['indicator', 'title_en', 'title_km'];
  score.by.forEach((dim) => header.push(dim, dim + '_en', dim + '_km'));
  header.push('unit', 'value', 'se', 'ci_low', 'ci_high', 'df', 'n', 'weighted_n', 'n_eff', 'deff', 'flag', 'suppressed', 'reason');
  const lines = [header];
  for (const r of sortedRows(score)) {
    const c = r.cell;
    const line = [score.id, score.title.en, score.title.km];
    score.by.forEach((dim, i) => line.push(r.key[i], r.labels[i].en, r.labels[i].km));
    const value = (v) => (c.suppressed || v === null || v === undefined ? '' : v);
    line.push(score.unit, value(c.value), value(c.se), c.suppressed || !c.ci ? '' : c.ci[0], c.suppressed || !c.ci ? '' : c.ci[1],
      value(c.df), value(c.n), value(c.weightedN), value(c.nEff), value(c.deff), c.flag || '', c.suppressed ? 'true' : 'false', c.reason || '');
    lines.push(line);
  }
  const text = '\uFEFF' + lines.map((line) => line.map(csvField).join(',')).join('\r\n') + '\r\n';
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = el('a', { href: url, download: score.id + '-by-' + (score.by.join('-') || 'national') + '.csv', hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

