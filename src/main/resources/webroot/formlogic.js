// A form definition in the browser: its screens, typed answers, skip logic, calculations and checks,
// with the server's semantics (org.tonle.submissions.AnswerValidator), and the inputs of one question.

import { parse, truthy, scopeOf, strip } from './expr.js';
import { asciiDigits, el, fill, lang, t, TEXT } from './common.js';
import { khmerDate, khmerNumber } from './format.js';

export const MAX_TEXT_LENGTH = 2000;

const MESSAGES = {
  required: TEXT.required,
  type: { en: 'The answer is not {expected}.', km: 'ចម្លើយនេះមិនមែនជា{expected_km}ទេ។' },
  choice: { en: "'{value}' is not one of the answers offered for this question.", km: "'{value}' មិនមែនជាចម្លើយមួយក្នុងចំណោមចម្លើយដែលមានសម្រាប់សំណួរនេះទេ។" },
  exclusive: { en: "'{value}' cannot be chosen together with other answers.", km: "'{value}' មិនអាចជ្រើសរើសរួមជាមួយចម្លើយផ្សេងទៀតបានទេ។" },
  constraint: { en: 'The answer is not allowed.', km: 'ចម្លើយនេះមិនត្រូវបានអនុញ្ញាតទេ។' },
  consent: { en: 'Consent or assent was not given, so nothing from this interview may be stored.', km: 'មិនមានការយល់ព្រម ដូច្នេះមិនអាចរក្សាទុកព័ត៌មានណាមួយពីការសម្ភាសន៍នេះបានទេ។' },
  tooLong: { en: 'The text is longer than {max} characters.', km: 'អត្ថបទនេះវែងជាង {max} តួអក្សរ។' },
};

const EXPECTED = {
  integer: ['a whole number', 'ចំនួនគត់'],
  decimal: ['a number', 'លេខ'],
  date: ['a date written YYYY-MM-DD', 'កាលបរិច្ឆេទតាមទម្រង់ YYYY-MM-DD'],
  text: ['text', 'អត្ថបទ'],
  select_one: ['a single answer code', 'លេខកូដចម្លើយតែមួយ'],
  select_multiple: ['a list of answer codes', 'បញ្ជីលេខកូដចម្លើយ'],
};

const ANSWERABLE = new Set(['select_one', 'select_multiple', 'integer', 'decimal', 'text', 'date']);

export function takesAnswer(q) {
  return ANSWERABLE.has(q.type);
}

/**
 * The model of a form definition (GET /api/v1/forms/{id}, or a poll's form): every question in
 * document order with all the skip-logic conditions that apply to it, the calculations in the order
 * the server runs them, and the screens: one per question, or one per group of plain questions.
 */
export function prepareForm(def) {
  const questions = [];
  const screens = [];
  const lists = def.choices || {};

  function walk(nodes, relevance, groups) {
    for (const node of nodes) {
      const own = node.relevant ? [node.relevant] : [];
      if (node.type === 'group') {
        const inner = relevance.concat(own);
        const children = node.questions || [];
        const leaf = children.every((c) => c.type !== 'group');
        const before = questions.length;
        walk(children, inner, groups.concat([node]));
        if (leaf) {
          const items = questions.slice(before).filter((q) => q.type !== 'calculate');
          if (items.length > 0) {
            screens.push({ group: node, groups: groups.concat([node]), items, relevance: inner });
          }
        }
      } else {
        const q = Object.assign({}, node, {
          relevance: relevance.concat(own),
          choiceList: typeof node.choices === 'string' ? (lists[node.choices] || []) : (node.choices || []),
        });
        questions.push(q);
        const inLeafGroup = groups.length > 0 && (groups[groups.length - 1].questions || []).every((c) => c.type !== 'group');
        if (q.type !== 'calculate' && !inLeafGroup) {
          screens.push({ group: null, groups, items: [q], relevance: q.relevance });
        }
      }
    }
  }

  walk(def.questions || [], [], []);
  const byName = new Map(questions.map((q) => [q.name, q]));
  return { def, id: def.id, version: def.version, title: def.title, questions, byName, screens, calcOrder: calculationOrder(questions, byName) };
}

/** Calculations ordered so that each follows the calculations it reads (as FormLoader orders them). */
function calculationOrder(questions, byName) {
  const order = [];
  const done = new Set();
  const visiting = new Set();
  function visit(q) {
    if (done.has(q.name) || !q.calculation || visiting.has(q.name)) {
      return;
    }
    visiting.add(q.name);
    for (const ref of parse(q.calculation).references) {
      const dep = byName.get(ref);
      if (dep && dep.type === 'calculate') {
        visit(dep);
      }
    }
    visiting.delete(q.name);
    done.add(q.name);
    order.push(q);
  }
  questions.filter((q) => q.type === 'calculate').forEach(visit);
  return order;
}

function problem(code, params) {
  const text = MESSAGES[code] || MESSAGES.constraint;
  return { code, message: params ? fill(text, params) : text };
}

function typeProblem(q) {
  const [en, km] = EXPECTED[q.type] || ['a valid answer', 'ចម្លើយត្រឹមត្រូវ'];
  return problem('type', { expected: en, expected_km: km });
}

const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)$/;
const LONG_MAX = 9223372036854775807n;

/**
 * The typed value of one raw answer, as the server reads it: {value} (null when unanswered),
 * or {problem} when the answer cannot be read.
 */
export function typedValue(q, raw) {
  if (raw === null || raw === undefined || (typeof raw === 'string' && strip(raw) === '')) {
    return { value: null };
  }
  switch (q.type) {
    case 'select_one': {
      if (typeof raw !== 'string') {
        return { problem: typeProblem(q) };
      }
      const value = strip(raw).normalize('NFC');
      if (!q.choiceList.some((c) => c.value === value)) {
        return { problem: problem('choice', { value }) };
      }
      return { value };
    }
    case 'select_multiple':
      return selectMultiple(q, raw);
    case 'integer': {
      const n = numberText(raw);
      if (n === null) {
        return { problem: typeProblem(q) };
      }
      const [whole, fraction = ''] = n.replace(/^\+/, '').split('.');
      if (/[1-9]/.test(fraction)) {
        return { problem: typeProblem(q) };
      }
      const big = BigInt(whole === '' || whole === '-' ? whole + '0' : whole);
      if (big > LONG_MAX || big < -LONG_MAX - 1n) {
        return { problem: typeProblem(q) };
      }
      return { value: Number(big) };
    }
    case 'decimal': {
      const n = numberText(raw);
      const d = n === null ? NaN : Number(n);
      if (!Number.isFinite(d)) {
        return { problem: typeProblem(q) };
      }
      return { value: d + 0 };
    }
    case 'date': {
      const s = typeof raw === 'string' ? asciiDigits(strip(raw)) : '';
      if (/^\d{4}-\d{2}-\d{2}$/.test(s) && validDate(s)) {
        return { value: s };
      }
      return { problem: typeProblem(q) };
    }
    case 'text': {
      if (typeof raw !== 'string') {
        return { problem: typeProblem(q) };
      }
      const value = strip(raw).normalize('NFC');
      if ([...value].length > MAX_TEXT_LENGTH) {
        return { problem: problem('tooLong', { max: MAX_TEXT_LENGTH }) };
      }
      return { value };
    }
    default:
      return { value: null };
  }
}

function numberText(raw) {
  if (typeof raw === 'number') {
    return Number.isFinite(raw) ? String(raw) : null;
  }
  if (typeof raw !== 'string') {
    return null;
  }
  const s = asciiDigits(strip(raw));
  return NUMBER.test(s) ? s : null;
}

function validDate(s) {
  const [y, m, d] = s.split('-').map(Number);
  const date = new Date(Date.UTC(2000, m - 1, d));
  date.setUTCFullYear(y);
  return m >= 1 && m <= 12 && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function selectMultiple(q, raw) {
  let picked;
  if (typeof raw === 'string') {
    picked = strip(raw).normalize('NFC').split(/[ \t\n\x0B\f\r]+/);
  } else if (Array.isArray(raw)) {
    if (raw.some((item) => typeof item !== 'string')) {
      return { problem: typeProblem(q) };
    }
    picked = raw.map((item) => strip(item).normalize('NFC'));
  } else {
    return { problem: typeProblem(q) };
  }
  const chosen = new Set(picked.filter((v) => v !== ''));
  for (const value of chosen) {
    const c = q.choiceList.find((choice) => choice.value === value);
    if (!c) {
      return { problem: problem('choice', { value }) };
    }
    if (c.exclusive && chosen.size > 1) {
      return { problem: problem('exclusive', { value: t(c.label) || value }) };
    }
  }
  if (chosen.size === 0) {
    return { value: null };
  }
  return { value: q.choiceList.filter((c) => chosen.has(c.value)).map((c) => c.value) };
}

/** A calculation's value as stored: empty text and NaN as nothing. */
function storable(v) {
  if (typeof v === 'number' && !Number.isFinite(v)) {
    return null;
  }
  if (v === '') {
    return null;
  }
  return v === undefined ? null : v;
}

function holds(q, scope) {
  return q.relevance.every((source) => truthy(parse(source).evaluate(scopeOf(scope))));
}

/**
 * What the answers add up to: the typed values the server would keep (answers to questions that
 * apply, as skip logic decides over those same answers), the calculations, and which questions
 * apply. A hidden question's answer is kept in raw but neither counted nor sent.
 */
export function computeState(model, raw) {
  const typed = {};
  const problems = {};
  for (const q of model.questions) {
    if (takesAnswer(q) && Object.prototype.hasOwnProperty.call(raw, q.name)) {
      const r = typedValue(q, raw[q.name]);
      if (r.problem) {
        problems[q.name] = r.problem;
      } else if (r.value !== null) {
        typed[q.name] = r.value;
      }
    }
  }
  let kept = Object.keys(typed);
  for (;;) {
    const scope = {};
    kept.forEach((name) => {
      scope[name] = typed[name];
    });
    for (const calc of model.calcOrder) {
      const v = holds(calc, scope) ? storable(parse(calc.calculation).evaluate(scopeOf(scope))) : null;
      if (v !== null) {
        scope[calc.name] = v;
      }
    }
    const still = kept.filter((name) => holds(model.byName.get(name), scope));
    if (still.length === kept.length) {
      return { scope, problems, relevant: (q) => holds(q, scope) };
    }
    kept = still;
  }
}

/** The answers to send: typed values of the questions that apply, in document order. */
export function payloadAnswers(model, state) {
  const answers = {};
  for (const q of model.questions) {
    if (takesAnswer(q) && state.scope[q.name] !== undefined && state.relevant(q)) {
      answers[q.name] = state.scope[q.name];
    }
  }
  return answers;
}

/** Why the answer to q cannot be accepted ({code, message}), or null. Only questions that apply are checked. */
export function checkQuestion(q, state) {
  if (!takesAnswer(q) || !state.relevant(q)) {
    return null;
  }
  if (state.problems[q.name]) {
    return state.problems[q.name];
  }
  const value = state.scope[q.name];
  if (value === undefined || value === null) {
    return q.required || q.consent ? problem('required') : null;
  }
  if (q.consent && value !== 'yes') {
    return problem('consent');
  }
  if (q.constraint && !truthy(parse(q.constraint).evaluate(scopeOf(state.scope, value)))) {
    return { code: 'constraint', message: q.constraintMessage || MESSAGES.constraint };
  }
  return null;
}

/** Every problem of the answers, in document order: [{question, problem}]. */
export function checkAll(model, state) {
  const found = [];
  for (const q of model.questions) {
    const p = checkQuestion(q, state);
    if (p) {
      found.push({ question: q, problem: p });
    }
  }
  return found;
}

/** Whether a screen has anything to show under the current answers. */
export function screenApplies(screen, state) {
  return screen.items.some((q) => state.relevant(q));
}

// ---- inputs ----

const REQUIRED_TEXT = { en: 'required', km: 'ត្រូវតែឆ្លើយ' };

/**
 * The block of one question: its label as a heading (level {@code heading}, focusable so that a new
 * screen can start there), hint, inputs named after the question, and its error line. A required
 * question says so to assistive technology: a group of radios (radiogroup) and a field carry the
 * required state; a group of check boxes, which has no such state, says it in words. onInput(name, raw) is called
 * with the raw answer after every change.
 */
export function questionBlock(q, raw, onInput, heading = 'h2') {
  const id = 'q-' + q.name;
  const hint = q.hint ? el('p', { class: 'hint', id: id + '-hint' }, t(q.hint)) : null;
  const error = el('p', { class: 'field-error', id: id + '-error', hidden: true });
  const described = [hint ? id + '-hint' : null, id + '-error'].filter(Boolean).join(' ');
  const required = Boolean(q.required || q.consent);
  const star = required ? el('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null;
  if (q.type === 'note') {
    return el('div', { class: 'question note', 'data-question': q.name }, el('p', { class: 'note-text' }, t(q.label)), hint);
  }
  if (q.type === 'select_one' || q.type === 'select_multiple') {
    const multiple = q.type === 'select_multiple';
    const current = multiple ? new Set(Array.isArray(raw) ? raw : []) : raw;
    const options = q.choiceList.map((c) => {
      const input = el('input', {
        type: multiple ? 'checkbox' : 'radio',
        name: q.name,
        value: c.value,
        checked: multiple ? current.has(c.value) : current === c.value,
        'aria-invalid': 'false',
        'data-exclusive': c.exclusive ? 'true' : null,
      });
      return el('label', { class: 'choice' }, input, el('span', {}, t(c.label)));
    });
    const title = el(heading, { class: 'q-label', id: id + '-label', tabindex: '-1' }, t(q.label), star,
      required && multiple ? el('span', { class: 'sr-only' }, ' (' + t(REQUIRED_TEXT) + ')') : null);
    const fieldset = el('fieldset', {
      class: 'question', 'data-question': q.name, 'aria-describedby': described,
      role: multiple ? null : 'radiogroup', 'aria-required': required && !multiple ? 'true' : null,
    }, el('legend', {}, title), hint, el('div', { class: 'choices' + (q.choiceList.length > 2 ? ' many' : '') }, options), error);
    fieldset.addEventListener('change', (event) => {
      if (multiple) {
        exclusiveChoice(fieldset, event.target);
        const picked = [...fieldset.querySelectorAll('input:checked')].map((i) => i.value);
        onInput(q.name, picked);
      } else {
        onInput(q.name, event.target.value);
      }
    });
    return fieldset;
  }
  let input;
  if (q.type === 'text') {
    input = el('textarea', { id, name: q.name, rows: 3, maxlength: MAX_TEXT_LENGTH, 'aria-describedby': described, 'aria-required': required ? 'true' : null });
    input.value = raw || '';
  } else {
    const attrs = { id, name: q.name, 'aria-describedby': described, autocomplete: 'off', 'aria-required': required ? 'true' : null };
    if (q.type === 'date') {
      attrs.type = 'date';
    } else {
      attrs.type = 'text';
      attrs.inputmode = q.type === 'integer' ? 'numeric' : 'decimal';
      attrs.class = 'number';
    }
    input = el('input', attrs);
    input.value = raw === null || raw === undefined ? '' : String(raw);
  }
  input.addEventListener('input', () => {
    onInput(q.name, q.type === 'text' ? input.value : asciiDigits(input.value));
  });
  return el('div', { class: 'question', 'data-question': q.name },
    el(heading, { class: 'q-label', id: id + '-label', tabindex: '-1' }, el('label', { for: id }, t(q.label), star)),
    hint, input, error);
}

/** An exclusive choice ("none of these") clears the others, and any other clears it. */
function exclusiveChoice(fieldset, changed) {
  if (!changed || !changed.checked) {
    return;
  }
  const exclusive = changed.dataset.exclusive === 'true';
  fieldset.querySelectorAll('input:checked').forEach((other) => {
    if (other !== changed && (exclusive || other.dataset.exclusive === 'true')) {
      other.checked = false;
    }
  });
}

/**
 * After an answer changed: shows or hides every question block under {@code root} by skip logic,
 * and clears the error of the question just answered.
 */
export function refreshBlocks(root, model, raw, changed) {
  const state = computeState(model, raw);
  root.querySelectorAll('[data-question]').forEach((block) => {
    const q = model.byName.get(block.dataset.question);
    block.hidden = !state.relevant(q);
    if (q.name === changed) {
      showProblem(block, null);
    }
  });
}

/** Shows (or clears, with null) the error of one question block. */
export function showProblem(block, p) {
  const line = block.querySelector('.field-error');
  if (!line) {
    return;
  }
  line.textContent = p ? t(p.message) : '';
  line.hidden = !p;
  block.classList.toggle('invalid', Boolean(p));
  block.querySelectorAll('input, textarea').forEach((input) => {
    input.setAttribute('aria-invalid', p ? 'true' : 'false');
    if (input.type === 'radio' || input.type === 'checkbox') {
      // a choice is read with its own name: point it at the error too
      if (p) {
        input.setAttribute('aria-describedby', line.id);
      } else {
        input.removeAttribute('aria-describedby');
      }
    }
  });
}

/** The text of an answer for a summary: choice labels, numbers and dates (the Khmer way in Khmer), text. */
export function answerText(q, value) {
  if (value === null || value === undefined) {
    return '';
  }
  if (typeof value === 'number') {
    return lang() === 'km' ? khmerNumber(String(value)) : String(value);
  }
  if (q.type === 'date' && lang() === 'km' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return khmerDate(value);
  }
  if (q.type === 'select_one') {
    const c = q.choiceList.find((choice) => choice.value === value);
    return c ? t(c.label) : String(value);
  }
  if (q.type === 'select_multiple') {
    return value.map((v) => {
      const c = q.choiceList.find((choice) => choice.value === v);
      return c ? t(c.label) : v;
    }).join('; ');
  }
  return String(value);
}
