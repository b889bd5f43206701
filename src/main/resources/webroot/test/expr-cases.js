// Runs the shared expression cases with the browser evaluator and shows which agree with the server's.

import { runCases } from '../expr.js';

const input = document.getElementById('cases');
const summary = document.getElementById('summary');
const table = document.getElementById('results');

function cell(tag, text) {
  const c = document.createElement(tag);
  c.textContent = text;
  return c;
}

function show(cases) {
  const list = Array.isArray(cases) ? cases : cases.cases;
  const results = runCases(list);
  const failed = results.filter((r) => !r.ok);
  summary.textContent = (results.length - failed.length) + ' of ' + results.length + ' cases pass';
  summary.dataset.failed = String(failed.length);
  const head = document.createElement('tr');
  ['#', 'expression', 'expected', 'actual', 'ok'].forEach((h) => head.append(cell('th', h)));
  const rows = results.map((r) => {
    const tr = document.createElement('tr');
    tr.className = r.ok ? '' : 'sup';
    [String(r.index), list[r.index].expression, JSON.stringify(r.expected), JSON.stringify(r.actual), r.ok ? 'yes' : 'NO']
      .forEach((v) => tr.append(cell('td', v)));
    return tr;
  });
  table.replaceChildren(head, ...rows);
}

document.getElementById('run').addEventListener('click', () => {
  try {
    show(JSON.parse(input.value));
  } catch (e) {
    summary.textContent = 'Not JSON: ' + e.message;
  }
});

const source = new URLSearchParams(location.search).get('cases');
if (source) {
  fetch(source).then((r) => r.json()).then((cases) => {
    input.value = JSON.stringify(cases, null, 1);
    show(cases);
  }).catch((e) => {
    summary.textContent = 'Could not load ' + source + ': ' + e.message;
  });
}
document.documentElement.dataset.ready = 'true';
