import { locale, t } from './i18n.js';

/** How TeamChat writes names, dates and times, in the language the reader chose. */

const formatters = new Map();

/** One Intl.DateTimeFormat per locale and style, made on first use. */
function dateFormat(name, options) {
  const key = `${locale()}:${name}`;
  if (!formatters.has(key)) formatters.set(key, new Intl.DateTimeFormat(locale(), options));
  return formatters.get(key);
}

const STYLES = {
  time: { hour: 'numeric', minute: '2-digit' },
  dayThisYear: { weekday: 'long', month: 'long', day: 'numeric' },
  dayOtherYear: { month: 'long', day: 'numeric', year: 'numeric' },
  full: { dateStyle: 'full', timeStyle: 'short' },
  longDate: { dateStyle: 'long' },
};

export function formatTime(iso) {
  return dateFormat('time', STYLES.time).format(new Date(iso));
}

/** The time without "AM"/"PM" (or "上午", "ص"…), for the margin of a continued message. */
export function formatShortTime(iso) {
  return dateFormat('time', STYLES.time)
    .formatToParts(new Date(iso))
    .filter((part) => part.type !== 'dayPeriod')
    .map((part) => part.value)
    .join('')
    .trim();
}

export function formatFullDate(iso) {
  return dateFormat('full', STYLES.full).format(new Date(iso));
}

export function formatLongDate(iso) {
  return dateFormat('longDate', STYLES.longDate).format(new Date(iso));
}

/** "Today", "Yesterday", "Monday, March 3" or "March 3, 2024" (in the reader's language). */
export function formatDay(iso, now = new Date()) {
  const date = new Date(iso);
  const days = Math.round((startOfDay(now) - startOfDay(date)) / 86_400_000);
  if (days === 0) return t('day.today');
  if (days === 1) return t('day.yesterday');
  const sameYear = date.getFullYear() === now.getFullYear();
  return dateFormat(
    sameYear ? 'dayThisYear' : 'dayOtherYear',
    sameYear ? STYLES.dayThisYear : STYLES.dayOtherYear,
  ).format(date);
}

/**
 * "$8", "8 $"…: whole dollars, placed the locale's way. Always the bare "$": Arabic's
 * "US$" would have its "$" pulled to the wrong side of "US" in right-to-left text.
 */
export function formatPrice(dollars) {
  return new Intl.NumberFormat(locale(), {
    style: 'currency',
    currency: 'USD',
    currencyDisplay: 'narrowSymbol',
    maximumFractionDigits: 0,
  })
    .formatToParts(dollars)
    .map((part) => (part.type === 'currency' ? '$' : part.value))
    .join('');
}

export function isSameDay(a, b) {
  return startOfDay(new Date(a)) === startOfDay(new Date(b));
}

function startOfDay(date) {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
}

export function firstName(name) {
  return name.trim().split(/\s+/)[0] ?? '';
}

/** "Ada Lovelace" → "AL", "cher" → "C". */
export function initials(name) {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words.at(-1)] : words;
  return letters.map((word) => Array.from(word)[0].toUpperCase()).join('') || '?';
}
