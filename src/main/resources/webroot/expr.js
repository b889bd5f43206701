// The form expression language in the browser: a port of org.tonle.expr (Parser, Evaluator, Values).
// Both evaluators must agree on every case of src/test/resources/expression-cases.json.
// A value is null (unanswered), a boolean, a number, a string, or an array of strings (select_multiple).

export class ExpressionError extends Error {
  constructor(message) {
    super(message);
    this.name = 'ExpressionError';
  }
}

// ---- character classes as java.lang.Character sees them (one UTF-16 unit at a time) ----

const DIGIT = /^\p{Nd}$/u;
const LETTER = /^\p{L}$/u;
const SPACE_SEPARATOR = /^[\p{Zs}\p{Zl}\p{Zp}]$/u;

function isDigit(c) {
  return DIGIT.test(c);
}

function isLetter(c) {
  return LETTER.test(c);
}

function isLetterOrDigit(c) {
  return LETTER.test(c) || DIGIT.test(c);
}

/** Character.isWhitespace: space separators except no-break spaces, and the ASCII controls it names. */
function isWhitespace(c) {
  if (c === '\u00A0' || c === '\u2007' || c === '\u202F') {
    return false;
  }
  const code = c.charCodeAt(0);
  return SPACE_SEPARATOR.test(c) || (code >= 0x09 && code <= 0x0D) || (code >= 0x1C && code <= 0x1F);
}

/** String.isBlank: empty or only Character.isWhitespace code points. */
function isBlank(s) {
  for (const c of s) {
    if (!isWhitespace(c)) {
      return false;
    }
  }
  return true;
}

/** String.strip: removes Character.isWhitespace from both ends (as the server reads answers). */
export function strip(s) {
  let start = 0;
  let end = s.length;
  while (start < end && isWhitespace(s[start])) {
    start++;
  }
  while (end > start && isWhitespace(s[end - 1])) {
    end--;
  }
  return s.substring(start, end);
}

/** String.trim: strips code units up to U+0020 from both ends. */
function javaTrim(s) {
  let start = 0;
  let end = s.length;
  while (start < end && s.charCodeAt(start) <= 0x20) {
    start++;
  }
  while (end > start && s.charCodeAt(end - 1) <= 0x20) {
    end--;
  }
  return s.substring(start, end);
}

// Double.parseDouble's grammar (after trimming): decimal or hexadecimal literals, NaN, Infinity.
const JAVA_DECIMAL = /^[+-]?(NaN|Infinity|((\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[fFdD]?))$/;
const JAVA_HEX = /^[+-]?0[xX]([0-9a-fA-F]+\.?|[0-9a-fA-F]*\.[0-9a-fA-F]+)[pP][+-]?\d+[fFdD]?$/;

function parseJavaDouble(text) {
  const s = javaTrim(text);
  if (JAVA_DECIMAL.test(s)) {
    return Number(s.replace(/[fFdD]$/, ''));
  }
  if (JAVA_HEX.test(s)) {
    return parseHexDouble(s);
  }
  return NaN;
}

function parseHexDouble(s) {
  const m = /^([+-]?)0[xX]([0-9a-fA-F]*)\.?([0-9a-fA-F]*)[pP]([+-]?\d+)/.exec(s);
  const digits = m[2] + m[3];
  let mantissa = 0;
  for (const d of digits) {
    mantissa = mantissa * 16 + parseInt(d, 16);
  }
  const value = mantissa * Math.pow(2, Number(m[4]) - 4 * m[3].length);
  return m[1] === '-' ? -value : value;
}

// ---- values (org.tonle.expr.Values) ----

export function truthy(v) {
  if (v === null || v === undefined) {
    return false;
  }
  if (typeof v === 'boolean') {
    return v;
  }
  if (typeof v === 'number') {
    return v !== 0 && !Number.isNaN(v);
  }
  if (Array.isArray(v)) {
    return v.length > 0;
  }
  return String(v).length > 0;
}

/** Numbers as they are, numeric strings parsed, booleans 1/0; anything else is NaN. */
export function toNumber(v) {
  if (typeof v === 'number') {
    return v;
  }
  if (typeof v === 'boolean') {
    return v ? 1 : 0;
  }
  if (typeof v === 'string' && !isBlank(v)) {
    return parseJavaDouble(javaTrim(v));
  }
  return NaN;
}

/** The text of a value: null is empty, whole numbers have no decimal point, lists are space-separated. */
export function toText(v) {
  if (v === null || v === undefined) {
    return '';
  }
  if (typeof v === 'number') {
    return formatNumber(v);
  }
  if (Array.isArray(v)) {
    return v.map(appendedText).join(' ');
  }
  return String(v);
}

/** How StringBuilder.append shows a list item. */
function appendedText(item) {
  if (item === null || item === undefined) {
    return 'null';
  }
  if (typeof item === 'number') {
    return javaDoubleToString(item);
  }
  if (Array.isArray(item)) {
    return '[' + item.map(appendedText).join(', ') + ']';
  }
  return String(item);
}

export function formatNumber(d) {
  if (!Number.isFinite(d)) {
    return '';
  }
  if (Number.isInteger(d) && Math.abs(d) < 1e15) {
    return String(d + 0);
  }
  return javaDoubleToString(d);
}

/** Double.toString: plain between 10^-3 and 10^7, otherwise d.dddE±n; always a digit after the point. */
export function javaDoubleToString(d) {
  if (Number.isNaN(d)) {
    return 'NaN';
  }
  if (!Number.isFinite(d)) {
    return d > 0 ? 'Infinity' : '-Infinity';
  }
  if (d === 0) {
    return Object.is(d, -0) ? '-0.0' : '0.0';
  }
  const sign = d < 0 ? '-' : '';
  const a = Math.abs(d);
  let digits;
  let exponent;
  if (Number.isInteger(a) && a >= 2 ** 53 && a < 2 ** 63) {
    [digits, exponent] = longDigits(a);
  } else {
    const [mantissa, exponentText] = a.toExponential().split('e');
    digits = mantissa.replace('.', '');
    exponent = Number(exponentText);
  }
  if (a >= 1e-3 && a < 1e7) {
    if (exponent >= 0) {
      const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
      return sign + whole + '.' + (digits.slice(exponent + 1) || '0');
    }
    return sign + '0.' + '0'.repeat(-exponent - 1) + digits;
  }
  return sign + digits[0] + '.' + (digits.slice(1) || '0') + 'E' + exponent;
}

// FloatingDecimal's digits for a whole number below 2^63: the exact value, less the digits below
// the precision of a double once it passes 2^57 (rounded half up), trailing zeros dropped.
const INSIGNIFICANT_DIGITS = [0, 0, 0, 0, 1, 1, 1, 2, 2];

function longDigits(a) {
  let value = BigInt(a);
  const binExp = value.toString(2).length - 1;
  const p2 = binExp - 54;
  const insignificant = p2 > 1 && p2 < INSIGNIFICANT_DIGITS.length ? INSIGNIFICANT_DIGITS[p2] : 0;
  if (insignificant > 0) {
    const pow10 = 10n ** BigInt(insignificant);
    const residue = value % pow10;
    value /= pow10;
    if (residue >= pow10 / 2n) {
      value += 1n;
    }
  }
  const text = value.toString();
  return [text.replace(/0+$/, '') || '0', text.length - 1 + insignificant];
}

function isNaNValue(v) {
  return typeof v === 'number' && Number.isNaN(v);
}

/** Equality: booleans by truth; NaN equals nothing; numbers numerically when both sides read as numbers; else by text. */
export function equal(a, b) {
  if (typeof a === 'boolean' || typeof b === 'boolean') {
    return truthy(a) === truthy(b);
  }
  if (isNaNValue(a) || isNaNValue(b)) {
    return false;
  }
  if (typeof a === 'number' || typeof b === 'number') {
    const x = toNumber(a);
    const y = toNumber(b);
    if (!Number.isNaN(x) && !Number.isNaN(y)) {
      return x === y;
    }
  }
  return toText(a) === toText(b);
}

// ---- parser (org.tonle.expr.Parser) ----

const FUNCTIONS = {
  'not': 1, 'if': 3, 'selected': 2, 'count-selected': 1, 'string-length': 1, 'number': 1, 'int': 1,
  'coalesce': 2, 'concat': -1, 'true': 0, 'false': 0,
};

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

// The parser's limits, the same as org.tonle.expr.Parser's: length, nesting depth, terms and operators.
const MAX_LENGTH = 2000;
const MAX_DEPTH = 32;
const MAX_NODES = 300;
const QUOTED = 100;
const DECIMAL_LITERAL = /^(\d+\.?\d*|\.\d+)$/;

class Parser {
  constructor(src) {
    if (src === null || src === undefined || isBlank(String(src))) {
      throw new ExpressionError('empty expression');
    }
    this.src = String(src);
    this.pos = 0;
    this.depth = 0;
    this.nodes = 0;
    if (this.src.length > MAX_LENGTH) {
      throw this.error('the expression is ' + this.src.length + ' characters long; at most ' + MAX_LENGTH + ' are allowed');
    }
  }

  /** Parses one level deeper (a group, an argument, a negation), refusing to go past MAX_DEPTH. */
  nested(inner) {
    if (++this.depth > MAX_DEPTH) {
      throw this.error('the expression is nested more than ' + MAX_DEPTH + ' deep');
    }
    const e = inner();
    this.depth--;
    return e;
  }

  node(e) {
    if (++this.nodes > MAX_NODES) {
      throw this.error('the expression has more than ' + MAX_NODES + ' terms and operators');
    }
    return e;
  }

  parseAll() {
    const e = this.parseOr();
    this.skipSpace();
    if (this.pos < this.src.length) {
      throw this.error("unexpected '" + this.src[this.pos] + "'");
    }
    return e;
  }

  parseOr() {
    let left = this.parseAnd();
    while (this.keyword('or')) {
      left = this.node({ op: 'or', left, right: this.parseAnd() });
    }
    return left;
  }

  parseAnd() {
    let left = this.parseEquality();
    while (this.keyword('and')) {
      left = this.node({ op: 'and', left, right: this.parseEquality() });
    }
    return left;
  }

  parseEquality() {
    let left = this.parseRelational();
    for (;;) {
      if (this.symbol('!=')) {
        left = this.node({ op: '!=', left, right: this.parseRelational() });
      } else if (this.symbol('=')) {
        left = this.node({ op: '=', left, right: this.parseRelational() });
      } else {
        return left;
      }
    }
  }

  parseRelational() {
    let left = this.parseAdditive();
    for (;;) {
      let op;
      if (this.symbol('<=')) {
        op = '<=';
      } else if (this.symbol('>=')) {
        op = '>=';
      } else if (this.symbol('<')) {
        op = '<';
      } else if (this.symbol('>')) {
        op = '>';
      } else {
        return left;
      }
      left = this.node({ op, left, right: this.parseAdditive() });
    }
  }

  parseAdditive() {
    let left = this.parseMultiplicative();
    for (;;) {
      if (this.symbol('+')) {
        left = this.node({ op: '+', left, right: this.parseMultiplicative() });
      } else if (this.symbol('-')) {
        left = this.node({ op: '-', left, right: this.parseMultiplicative() });
      } else {
        return left;
      }
    }
  }

  parseMultiplicative() {
    let left = this.parseUnary();
    for (;;) {
      if (this.symbol('*')) {
        left = this.node({ op: '*', left, right: this.parseUnary() });
      } else if (this.keyword('div')) {
        left = this.node({ op: 'div', left, right: this.parseUnary() });
      } else if (this.keyword('mod')) {
        left = this.node({ op: 'mod', left, right: this.parseUnary() });
      } else {
        return left;
      }
    }
  }

  parseUnary() {
    if (this.symbol('-')) {
      return this.node({ negate: this.nested(() => this.parseUnary()) });
    }
    return this.parsePrimary();
  }

  parsePrimary() {
    this.skipSpace();
    const src = this.src;
    if (this.pos >= src.length) {
      throw this.error('expression ends too early');
    }
    const c = src[this.pos];
    if (c === '(') {
      this.pos++;
      const inner = this.nested(() => this.parseOr());
      this.expect(')');
      return inner;
    }
    if (c === "'" || c === '"') {
      return this.node({ literal: this.readString(c) });
    }
    if (c === '$') {
      return this.readReference();
    }
    if (isDigit(c) || (c === '.' && this.pos + 1 < src.length && isDigit(src[this.pos + 1]))) {
      return this.node({ literal: this.readNumber() });
    }
    if (c === '.') {
      this.pos++;
      return this.node({ current: true });
    }
    if (isLetter(c)) {
      return this.readCall();
    }
    throw this.error("unexpected '" + c + "'");
  }

  readReference() {
    const start = this.pos;
    const src = this.src;
    if (!src.startsWith('${', this.pos)) {
      throw this.error('a reference is written ${name}');
    }
    const close = src.indexOf('}', this.pos);
    if (close < 0) {
      throw this.error("reference is not closed with '}'");
    }
    const name = src.substring(this.pos + 2, close);
    if (!NAME.test(name)) {
      this.pos = start;
      throw this.error("'" + name + "' is not a question name");
    }
    this.pos = close + 1;
    return this.node({ ref: name });
  }

  readCall() {
    const start = this.pos;
    const src = this.src;
    while (this.pos < src.length && (isLetterOrDigit(src[this.pos]) || src[this.pos] === '-' || src[this.pos] === '_')) {
      this.pos++;
    }
    const name = src.substring(start, this.pos);
    if (!Object.prototype.hasOwnProperty.call(FUNCTIONS, name)) {
      this.pos = start;
      throw this.error("unknown function or word '" + name + "'");
    }
    const arity = FUNCTIONS[name];
    this.expect('(');
    const args = [];
    if (!this.symbol(')')) {
      do {
        args.push(this.nested(() => this.parseOr()));
      } while (this.symbol(','));
      this.expect(')');
    }
    const arityOk = arity < 0 ? args.length > 0 : args.length === arity;
    if (!arityOk) {
      this.pos = start;
      throw this.error(name + '() takes ' + (arity < 0 ? 'one or more' : String(arity)) + ' argument(s), got ' + args.length);
    }
    return this.node({ call: name, args });
  }

  readString(quote) {
    const close = this.src.indexOf(quote, this.pos + 1);
    if (close < 0) {
      throw this.error('string is not closed');
    }
    const s = this.src.substring(this.pos + 1, close);
    this.pos = close + 1;
    return s;
  }

  readNumber() {
    const start = this.pos;
    const src = this.src;
    while (this.pos < src.length && (isDigit(src[this.pos]) || src[this.pos] === '.')) {
      this.pos++;
    }
    const text = src.substring(start, this.pos);
    if (!DECIMAL_LITERAL.test(text)) {
      this.pos = start;
      throw this.error('bad number');
    }
    return Number(text);
  }

  /** Consumes a word operator only when it stands alone (so "order" is not "or"). */
  keyword(word) {
    this.skipSpace();
    const end = this.pos + word.length;
    if (this.src.startsWith(word, this.pos) && (end >= this.src.length || !isWordChar(this.src[end]))) {
      this.pos = end;
      return true;
    }
    return false;
  }

  symbol(s) {
    this.skipSpace();
    if (this.src.startsWith(s, this.pos)) {
      this.pos += s.length;
      return true;
    }
    return false;
  }

  expect(s) {
    if (!this.symbol(s)) {
      throw this.error("expected '" + s + "'");
    }
  }

  skipSpace() {
    while (this.pos < this.src.length && isWhitespace(this.src[this.pos])) {
      this.pos++;
    }
  }

  /** The message quotes the start of the expression only: an expression may be long. */
  error(what) {
    const quoted = this.src.length > QUOTED ? this.src.substring(0, QUOTED) + '…' : this.src;
    return new ExpressionError(what + ' at position ' + (this.pos + 1) + ' in: ' + quoted);
  }
}

function isWordChar(c) {
  return isLetterOrDigit(c) || c === '_' || c === '-';
}

// ---- evaluator (org.tonle.expr.Evaluator) ----

function evaluateTree(e, scope) {
  if ('literal' in e) {
    return e.literal;
  }
  if ('ref' in e) {
    return scope.value(e.ref);
  }
  if ('current' in e) {
    return scope.current();
  }
  if ('negate' in e) {
    return -toNumber(evaluateTree(e.negate, scope));
  }
  if ('op' in e) {
    return binary(e, scope);
  }
  return call(e, scope);
}

function binary(b, scope) {
  const left = evaluateTree(b.left, scope);
  if (b.op === 'or') {
    return truthy(left) || truthy(evaluateTree(b.right, scope));
  }
  if (b.op === 'and') {
    return truthy(left) && truthy(evaluateTree(b.right, scope));
  }
  const right = evaluateTree(b.right, scope);
  if (b.op === '=') {
    return equal(left, right);
  }
  if (b.op === '!=') {
    return !equal(left, right);
  }
  const x = toNumber(left);
  const y = toNumber(right);
  switch (b.op) {
    case '<': return x < y;
    case '<=': return x <= y;
    case '>': return x > y;
    case '>=': return x >= y;
    case '+': return x + y;
    case '-': return x - y;
    case '*': return x * y;
    case 'div': return y === 0 ? NaN : x / y;
    case 'mod': return y === 0 ? NaN : x % y;
    default: throw new Error('unhandled operator ' + b.op);
  }
}

function call(c, scope) {
  const args = c.args;
  const arg = (i) => evaluateTree(args[i], scope);
  switch (c.call) {
    case 'true': return true;
    case 'false': return false;
    case 'not': return !truthy(arg(0));
    case 'if': return truthy(arg(0)) ? arg(1) : arg(2);
    case 'selected': {
      const answer = arg(0);
      return tokens(answer).includes(toText(arg(1)));
    }
    case 'count-selected': return tokens(arg(0)).length;
    case 'string-length': return [...toText(arg(0))].length;
    case 'number': return toNumber(arg(0));
    case 'int': return toLong(toNumber(arg(0)));
    case 'coalesce': {
      const first = arg(0);
      return toText(first) === '' ? arg(1) : first;
    }
    case 'concat': return args.map((a) => toText(evaluateTree(a, scope))).join('');
    default: throw new Error('unhandled function ' + c.call);
  }
}

/** (double) (long) d: towards zero, saturating at the range of a long. */
function toLong(d) {
  if (Number.isNaN(d)) {
    return d;
  }
  const limit = 9223372036854775807;
  if (d >= limit) {
    return limit;
  }
  if (d <= -limit) {
    return -limit;
  }
  return Math.trunc(d) + 0;
}

/** A select_multiple answer as a list; a text answer split on spaces, as XPath does. */
function tokens(v) {
  if (v === null || v === undefined) {
    return [];
  }
  if (Array.isArray(v)) {
    return v.map(toText);
  }
  const s = javaTrim(toText(v));
  return s === '' ? [] : s.split(/[ \t\n\x0B\f\r]+/);
}

// ---- expressions ----

/** A parsed expression: its source, the questions it reads, and whether it reads its own answer (.). */
export class Expression {
  constructor(source) {
    this.source = source;
    this.tree = new Parser(source).parseAll();
    const refs = new Set();
    this.readsCurrent = collect(this.tree, refs);
    this.references = [...refs];
  }

  /** scope: {value(name), current()}. */
  evaluate(scope) {
    return evaluateTree(this.tree, scope);
  }

  test(scope) {
    return truthy(this.evaluate(scope));
  }
}

function collect(e, refs) {
  if ('ref' in e) {
    refs.add(e.ref);
    return false;
  }
  if ('current' in e) {
    return true;
  }
  if ('negate' in e) {
    return collect(e.negate, refs);
  }
  if ('op' in e) {
    const left = collect(e.left, refs);
    return collect(e.right, refs) || left;
  }
  let current = false;
  for (const a of e.args || []) {
    current = collect(a, refs) || current;
  }
  return current;
}

const parsed = new Map();

/** Parses once per source text; throws ExpressionError with the position of the first error. */
export function parse(source) {
  let e = parsed.get(source);
  if (!e) {
    e = new Expression(source);
    parsed.set(source, e);
  }
  return e;
}

/** A scope over a plain object of answers; a missing answer is null. */
export function scopeOf(answers, current) {
  return {
    value(name) {
      if (answers && Object.prototype.hasOwnProperty.call(answers, name)) {
        const v = answers[name];
        return v === undefined ? null : v;
      }
      return null;
    },
    current() {
      return current === undefined ? null : current;
    },
  };
}

/** Evaluates expression over answers (question name to value), with current as the value of '.'. */
export function evaluate(expression, answers, current) {
  return parse(expression).evaluate(scopeOf(answers, current));
}

/** Whether expression holds: its value is truthy. */
export function test(expression, answers, current) {
  return truthy(evaluate(expression, answers, current));
}

// ---- the shared cases, judged exactly as ExpressionCasesTest judges them ----

function caseValue(v) {
  if (Array.isArray(v)) {
    return v.map((item) => (item !== null && typeof item === 'object' ? '' : String(item)));
  }
  if (v !== null && typeof v === 'object') {
    return '';
  }
  return v === undefined ? null : v;
}

function shown(v) {
  if (typeof v === 'number' && !Number.isFinite(v)) {
    return String(v);
  }
  return v === undefined ? null : v;
}

function runCase(c) {
  const source = c.expression;
  if (c.error === true || c.error === 'true' || (typeof c.error === 'number' && c.error !== 0)) {
    try {
      new Expression(source);
      return { expected: 'error', actual: 'parsed without error', ok: false };
    } catch (e) {
      return { expected: 'error', actual: 'error: ' + e.message, ok: e instanceof ExpressionError };
    }
  }
  const answers = {};
  for (const [name, v] of Object.entries(c.answers || {})) {
    answers[name] = caseValue(v);
  }
  const current = 'current' in c ? caseValue(c.current) : null;
  let actual;
  try {
    actual = new Expression(source).evaluate(scopeOf(answers, current));
  } catch (e) {
    return { expected: c.expected, actual: 'error: ' + e.message, ok: false };
  }
  const expected = c.expected === undefined ? null : c.expected;
  let ok;
  if (expected === null) {
    ok = actual === null || toText(actual) === '';
  } else if (typeof expected === 'boolean') {
    ok = actual === expected;
  } else if (typeof expected === 'number') {
    ok = toNumber(actual) === expected;
  } else {
    ok = toText(actual) === String(expected);
  }
  return { expected, actual: shown(actual), ok };
}

/** Runs the shared cases (the array, or the whole file with its "cases"): one {index, expected, actual, ok} each. */
export function runCases(cases) {
  const list = Array.isArray(cases) ? cases : cases.cases;
  return list.map((c, index) => Object.assign({ index }, runCase(c)));
}

globalThis.TonleExpr = {
  evaluate, test, parse, runCases, truthy, toNumber, toText, equal, formatNumber, ExpressionError,
};
