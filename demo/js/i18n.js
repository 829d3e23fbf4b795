import en from './locales/en.js';

/**
 * TeamChat's languages: `t('key', params)` for text, `tn` for text around DOM nodes, with
 * plural forms chosen by Intl.PluralRules and numbers written by Intl.NumberFormat.
 *
 * The current locale lives in this module rather than in a per-instance model because it
 * belongs to the document: there is one <html lang> and one `dir` per page.
 *
 * @example t('count.members', { count: 3 }); // "3 members", "3 członków", "3 位成员"…
 */

export const STORAGE_KEY = 'teamchat:locale';
export const DEFAULT_LOCALE = 'en';

/** Each language named in itself, so anyone can find their own in the list. */
export const LOCALES = [
  { code: 'en', name: 'English' },
  { code: 'pl', name: 'Polski' },
  { code: 'zh', name: '简体中文', htmlLang: 'zh-Hans' },
  { code: 'tr', name: 'Türkçe' },
  { code: 'it', name: 'Italiano' },
  { code: 'ar', name: 'العربية', dir: 'rtl' },
];

// English ships with the page; the others load when someone picks them.
const LOADERS = {
  pl: () => import('./locales/pl.js'),
  zh: () => import('./locales/zh.js'),
  tr: () => import('./locales/tr.js'),
  it: () => import('./locales/it.js'),
  ar: () => import('./locales/ar.js'),
};

const dictionaries = new Map([['en', en]]);
const listeners = new Set();
const warned = new Set();
let current = DEFAULT_LOCALE;
let messages = en;
let pluralRules = new Intl.PluralRules(current);
let numberFormat = new Intl.NumberFormat(current);

const infoOf = (code) => LOCALES.find((entry) => entry.code === code);

export function isSupported(code) {
  return Boolean(infoOf(code));
}

/** The locale in use: "en", "pl", "zh", "tr", "it" or "ar". */
export function locale() {
  return current;
}

export function isRtl(code = current) {
  return infoOf(code)?.dir === 'rtl';
}

/**
 * The saved choice, else the first of the browser's languages TeamChat speaks, else English.
 * Chinese means Simplified Chinese here, so Traditional-script readers are not matched to it.
 */
export function preferredLocale(storage = safeStorage(), languages = navigator.languages) {
  const saved = readSaved(storage);
  if (saved) return saved;
  for (const tag of languages ?? []) {
    const code = supportedLanguageOf(tag);
    if (code) return code;
  }
  return DEFAULT_LOCALE;
}

function supportedLanguageOf(tag) {
  try {
    const parsed = new Intl.Locale(tag).maximize();
    if (parsed.language === 'zh' && parsed.script !== 'Hans') return null;
    return isSupported(parsed.language) ? parsed.language : null;
  } catch {
    return null;
  }
}

/**
 * Switches the page to a locale: loads its texts, sets <html lang dir>, saves the choice
 * (unless `persist: false`), and tells the listeners with `{ locale, source }`.
 */
export async function setLocale(code, { persist = true, source = 'user' } = {}) {
  const next = isSupported(code) ? code : DEFAULT_LOCALE;
  if (!dictionaries.has(next)) dictionaries.set(next, (await LOADERS[next]()).default);
  const changed = next !== current;
  current = next;
  messages = dictionaries.get(next);
  pluralRules = new Intl.PluralRules(next);
  numberFormat = new Intl.NumberFormat(next);
  const info = infoOf(next);
  document.documentElement.lang = info.htmlLang ?? next;
  document.documentElement.dir = info.dir ?? 'ltr';
  if (persist) save(next);
  if (changed) for (const listener of listeners) listener({ locale: next, source });
}

/** Calls `listener({ locale, source })` after each change; returns the unsubscribe. */
export function onLocaleChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Picks the starting locale and follows choices made in other tabs. */
export async function startI18n() {
  try {
    await setLocale(preferredLocale(), { persist: false, source: 'start' });
  } catch (error) {
    // A dictionary that fails to load must not leave the page blank: English it is.
    console.warn('[teamchat] could not load the language; using English.', error);
    await setLocale(DEFAULT_LOCALE, { persist: false, source: 'start' });
  }
  globalThis.addEventListener?.('storage', (event) => {
    if (event.key !== STORAGE_KEY) return;
    const code = readSaved(safeStorage());
    if (code && code !== current) setLocale(code, { persist: false, source: 'other-tab' });
  });
}

export function formatNumber(value) {
  return numberFormat.format(value);
}

/**
 * The text of `key` with `{name}` placeholders filled from `params`. A plural entry
 * (`{ one, few, many, other }`) is chosen by `params.count`. Numbers are written the
 * locale's way; in a right-to-left locale each value is isolated (FSI…PDI), so a Latin
 * name or "#channel" keeps its own order inside Arabic text.
 */
export function t(key, params = {}) {
  return fill(template(key, params), (name) => textOf(params[name], name)).join('');
}

/**
 * Like `t`, but a param may be a DOM node (a link, <kbd>, <strong>): returns the pieces to
 * append. A node used twice in the text is cloned for the second use.
 *
 * @example h('p', {}, tn('composer.hint', { enter: h('kbd', {}, 'Enter') }));
 */
export function tn(key, params = {}) {
  const used = new Set();
  return fill(template(key, params), (name) => {
    const value = params[name];
    if (!(value instanceof Node)) return textOf(value, name);
    if (!used.has(value)) {
      used.add(value);
      return value;
    }
    return value.cloneNode(true);
  });
}

function textOf(value, name) {
  if (value == null) return `{${name}}`;
  if (typeof value === 'number') return formatNumber(value);
  return isRtl() ? `\u2068${value}\u2069` : String(value);
}

function template(key, params) {
  const entry = lookup(key);
  if (typeof entry === 'string') return entry;
  if (entry && typeof entry === 'object') {
    const count = Number(params.count ?? 0);
    return entry[pluralRules.select(count)] ?? entry.other ?? '';
  }
  return key;
}

function lookup(key) {
  if (key in messages) return messages[key];
  if (!warned.has(`${current}:${key}`)) {
    warned.add(`${current}:${key}`);
    console.warn(`[teamchat] no "${current}" text for "${key}"; showing English.`);
  }
  return en[key];
}

/** Splits a template on `{name}` and maps each placeholder; literal text stays as is. */
function fill(text, map) {
  const parts = [];
  for (const [index, part] of text.split(/\{(\w+)\}/).entries()) {
    if (index % 2 === 0) {
      if (part) parts.push(part);
    } else {
      parts.push(map(part));
    }
  }
  return parts;
}

function readSaved(storage) {
  try {
    const code = storage?.getItem(STORAGE_KEY);
    return code && isSupported(code) ? code : null;
  } catch {
    return null;
  }
}

function save(code) {
  try {
    safeStorage()?.setItem(STORAGE_KEY, code);
  } catch {
    // Storage disabled or full: the choice lasts for this page only.
  }
}

function safeStorage() {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}
