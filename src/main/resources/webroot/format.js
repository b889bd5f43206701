// Numbers and dates for the reader's language. Khmer text gets Khmer digits (០–៩), a comma before
// decimals (as CLDR writes km), Khmer month names and a 24-hour clock, from these rules rather than
// Intl: phones' browsers often have no Khmer data, and CLDR's km writes Latin digits anyway. The
// server writes its Khmer messages by the same rules (org.tonle.i18n.Khmer); both pass the cases in
// src/test/resources/khmer-format-cases.json.

const MONTHS = ['មករា', 'កុម្ភៈ', 'មីនា', 'មេសា', 'ឧសភា', 'មិថុនា', 'កក្កដា', 'សីហា', 'កញ្ញា', 'តុលា', 'វិច្ឆិកា', 'ធ្នូ'];
const NUMBER = /^[-+]?\d+(\.\d+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T[0-9:.]+(Z|[-+]\d{2}:\d{2})$/;
const WORD = /(^|\s|\()([-+]?\d+(?:\.\d+)?|\d{4}-\d{2}-\d{2})(?=$|\s|[)។,៖])/g;

/** ASCII digits as Khmer digits; everything else stays. */
export function khmerDigits(s) {
  return String(s).replace(/[0-9]/g, (d) => String.fromCharCode(0x17E0 + Number(d)));
}

/** A number written in ASCII (e.g. -1000.5) in Khmer: -១០០០,៥. */
export function khmerNumber(ascii) {
  return khmerDigits(String(ascii).replace('.', ','));
}

/** 2026-12-01 as ១ ធ្នូ ២០២៦. */
export function khmerDate(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  return khmerDigits(d) + ' ' + MONTHS[m - 1] + ' ' + khmerDigits(y);
}

/** A Date on this phone's clock: ១ ធ្នូ ២០២៦ ម៉ោង ២៣:០៨. */
export function khmerDateTime(date) {
  const pad = (n) => String(n).padStart(2, '0');
  const day = date.getFullYear() + '-' + pad(date.getMonth() + 1) + '-' + pad(date.getDate());
  return khmerDate(day) + ' ម៉ោង ' + khmerDigits(pad(date.getHours()) + ':' + pad(date.getMinutes()));
}

/** A number with a fixed count of decimals, in the language given ('km' or 'en'). */
export function formatNumber(value, decimals, language) {
  const text = Number(value).toFixed(decimals);
  return language === 'km' ? khmerNumber(text) : text;
}

/** A moment (ISO-8601 text or Date) on this phone's clock, medium length. Unreadable text comes back as it is. */
export function formatDateTime(moment, language) {
  const date = moment instanceof Date ? moment : new Date(moment);
  if (Number.isNaN(date.getTime())) {
    return moment === null || moment === undefined ? '' : String(moment);
  }
  if (language === 'km') {
    return khmerDateTime(date);
  }
  return date.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

/** One placeholder's value in Khmer text: a number, date or moment written the Khmer way; anything else as it is. */
function khmerValue(v) {
  if (NUMBER.test(v)) {
    return khmerNumber(v);
  }
  if (DATE.test(v)) {
    return khmerDate(v);
  }
  if (DATE_TIME.test(v) && !Number.isNaN(Date.parse(v))) {
    return khmerDateTime(new Date(v));
  }
  return v;
}

/**
 * Fills the {name} placeholders of a Khmer template: numbers and dates the Khmer way, also inside
 * Khmer prose given as a *_km value; identifiers stay ('{id}' in quotes, or named id, …Id or username).
 */
export function fillKhmer(template, params) {
  return String(template).replace(/('?)\{(\w+)\}('?)/g, (m, open, key, close) => {
    if (!(key in params) || params[key] === null || params[key] === undefined) {
      return m;
    }
    const value = String(params[key]);
    const literal = (open && close) || key === 'id' || key.endsWith('Id') || key === 'username';
    const filled = literal ? value : key.endsWith('_km') ? value.replace(WORD, (w, before, word) => before + khmerValue(word)) : khmerValue(value);
    return open + filled + close;
  });
}
