/** How TeamChat writes names, times and counts. English UI, so English dates. */

const LOCALE = 'en-US';
const time = new Intl.DateTimeFormat(LOCALE, { hour: 'numeric', minute: '2-digit' });
const dayThisYear = new Intl.DateTimeFormat(LOCALE, {
  weekday: 'long',
  month: 'long',
  day: 'numeric',
});
const dayOtherYear = new Intl.DateTimeFormat(LOCALE, {
  month: 'long',
  day: 'numeric',
  year: 'numeric',
});
const full = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'full', timeStyle: 'short' });
const longDate = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'long' });

export function formatTime(iso) {
  return time.format(new Date(iso));
}

export function formatFullDate(iso) {
  return full.format(new Date(iso));
}

export function formatLongDate(iso) {
  return longDate.format(new Date(iso));
}

/** "Today", "Yesterday", "Monday, March 3" or "March 3, 2024". */
export function formatDay(iso, now = new Date()) {
  const date = new Date(iso);
  const days = Math.round((startOfDay(now) - startOfDay(date)) / 86_400_000);
  if (days === 0) return 'Today';
  if (days === 1) return 'Yesterday';
  return (date.getFullYear() === now.getFullYear() ? dayThisYear : dayOtherYear).format(date);
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

export function plural(count, one, many = `${one}s`) {
  return `${count.toLocaleString(LOCALE)} ${count === 1 ? one : many}`;
}
