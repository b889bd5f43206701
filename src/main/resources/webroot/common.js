// What every Tonle page shares: the language choice, bilingual text, DOM building, and API calls.

import { fillKhmer, formatDateTime, formatNumber, khmerDate } from './format.js';

const LANG_KEY = 'tonle.lang';

export function lang() {
  const stored = safeGet(LANG_KEY);
  return stored === 'en' ? 'en' : 'km';
}

/** Applies the stored language to <html>, so Khmer is shaped and broken as Khmer. */
export function applyLang() {
  const l = lang();
  document.documentElement.lang = l;
  document.documentElement.classList.toggle('km', l === 'km');
  return l;
}

export function toggleLang() {
  safeSet(LANG_KEY, lang() === 'km' ? 'en' : 'km');
  return applyLang();
}

/**
 * Wires a language button: it names the other language, and calls onChange after a switch.
 * The button's own text is always in the language it switches to.
 */
export function langButton(button, onChange) {
  const label = () => {
    button.textContent = lang() === 'km' ? 'English' : 'ខ្មែរ';
    button.setAttribute('aria-label', lang() === 'km' ? 'Switch to English' : 'ប្តូរទៅភាសាខ្មែរ');
  };
  label();
  button.addEventListener('click', () => {
    toggleLang();
    label();
    onChange();
  });
}

/** The current language's text of a {en, km} pair (or of a plain string). */
export function t(text) {
  if (text === null || text === undefined) {
    return '';
  }
  if (typeof text === 'string') {
    return text;
  }
  const l = lang();
  return text[l] || text.en || text.km || '';
}

/** Fills {name} placeholders of a {en, km} pair; in Khmer, numbers and dates are written the Khmer way. */
export function fill(text, params) {
  return {
    en: String(text.en).replace(/\{(\w+)\}/g, (m, k) => (k in params ? String(params[k]) : m)),
    km: fillKhmer(text.km, params),
  };
}

/** A number with a fixed count of decimals in the current language (Khmer digits in Khmer). */
export function num(value, decimals = 0) {
  return formatNumber(value, decimals, lang());
}

/** A moment (ISO-8601 text) on this phone's clock, in the current language; a bare date stays a date. */
export function when(iso) {
  if (typeof iso === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(iso)) {
    return lang() === 'km' ? khmerDate(iso) : iso;
  }
  return iso ? formatDateTime(iso, lang()) : '';
}

/** Says something to screen-reader users through the page's polite live region (#announce). */
export function announce(text) {
  const region = document.getElementById('announce');
  if (!region) {
    return;
  }
  region.textContent = '';
  // a new text node after a pause, so that the same words twice are read twice
  setTimeout(() => {
    region.textContent = typeof text === 'string' ? text : t(text);
  }, 50);
}

/** Builds an element: el('p', {class: 'x', id: 'y'}, 'text', child, ...). */
export function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) {
      continue;
    }
    if (k === 'class') {
      e.className = v;
    } else if (k === 'text') {
      e.textContent = v;
    } else if (k.startsWith('on')) {
      e.addEventListener(k.slice(2), v);
    } else if (v === true) {
      e.setAttribute(k, '');
    } else {
      e.setAttribute(k, String(v));
    }
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) {
      continue;
    }
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

/** Replaces the children of node. */
export function show(node, ...children) {
  node.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
}

/** Khmer digits (U+17E0–U+17E9) as ASCII digits; other characters stay. */
export function asciiDigits(s) {
  return String(s).replace(/[\u17E0-\u17E9]/g, (d) => String(d.charCodeAt(0) - 0x17E0));
}

/** Thrown when the request never got an answer (offline, DNS, connection reset). */
export class NetworkError extends Error {}

/**
 * Calls the API. Answers {status, ok, body, headers}; throws NetworkError when there is no answer.
 * A body that is not JSON comes back as null.
 */
export async function api(path, { method = 'GET', body, token, signal } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (token) {
    headers.Authorization = 'Bearer ' + token;
  }
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal,
    });
  } catch (e) {
    throw new NetworkError(e.message);
  }
  let json = null;
  try {
    json = await response.json();
  } catch (e) {
    json = null;
  }
  return { status: response.status, ok: response.ok, body: json, headers: response.headers };
}

/** The {en, km} message of an API error body, or a fallback. */
export function errorMessage(body, fallback) {
  const m = body && body.error && body.error.message;
  return m && (m.en || m.km) ? m : fallback;
}

export const TEXT = {
  offline: { en: 'No connection. Check the network and try again.', km: 'គ្មានការតភ្ជាប់។ សូមពិនិត្យបណ្ដាញ ហើយព្យាយាមម្ដងទៀត។' },
  serverError: { en: 'The server could not answer. Try again later.', km: 'ម៉ាស៊ីនមេមិនអាចឆ្លើយតបបានទេ។ សូមព្យាយាមម្ដងទៀតពេលក្រោយ។' },
  badLogin: { en: 'Wrong user name or password.', km: 'ឈ្មោះអ្នកប្រើ ឬពាក្យសម្ងាត់មិនត្រឹមត្រូវ។' },
  username: { en: 'User name', km: 'ឈ្មោះអ្នកប្រើ' },
  password: { en: 'Password', km: 'ពាក្យសម្ងាត់' },
  login: { en: 'Log in', km: 'ចូល' },
  logout: { en: 'Log out', km: 'ចាកចេញ' },
  loading: { en: 'Loading…', km: 'កំពុងផ្ទុក…' },
  required: { en: 'This question must be answered.', km: 'សំណួរនេះត្រូវតែឆ្លើយ។' },
};

/** A submission's review state, as the enumerator app and the dashboard name it. */
export const REVIEW_STATE = {
  received: { en: 'Received', km: 'បានទទួល' },
  approved: { en: 'Approved', km: 'បានអនុម័ត' },
  on_hold: { en: 'On hold', km: 'ផ្អាកទុកសិន' },
  rejected: { en: 'Rejected', km: 'បានបដិសេធ' },
};

function safeGet(key) {
  try {
    return localStorage.getItem(key);
  } catch (e) {
    return null;
  }
}

function safeSet(key, value) {
  try {
    localStorage.setItem(key, value);
  } catch (e) {
    // private mode or full storage: the choice lasts for this page only
  }
}

export function readJson(key) {
  try {
    const v = localStorage.getItem(key);
    return v ? JSON.parse(v) : null;
  } catch (e) {
    return null;
  }
}

export function writeJson(key, value) {
  try {
    if (value === null || value === undefined) {
      localStorage.removeItem(key);
    } else {
      localStorage.setItem(key, JSON.stringify(value));
    }
  } catch (e) {
    // storage full or unavailable: nothing else to do
  }
}

/** A new device-made instanceId, as the server expects: uuid: and a random UUID. */
export function newInstanceId() {
  if (crypto.randomUUID) {
    return 'uuid:' + crypto.randomUUID();
  }
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return 'uuid:' + h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
}
