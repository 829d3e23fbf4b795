import { AppError } from '../errors';

const DAY = 86_400_000;
/** The longest range a report covers: a bit over a year, so year-on-year views fit. */
export const MAX_RANGE_DAYS = 400;
/** The range when none is given: the last 30 days, today included. */
export const DEFAULT_RANGE_DAYS = 30;

export interface DateRange {
  /** UTC days, both included. */
  from: string;
  to: string;
  /** Milliseconds: `from`'s midnight, and the midnight after `to` (excluded). */
  startMs: number;
  endMs: number;
}

/**
 * Reads `?from=YYYY-MM-DD&to=YYYY-MM-DD` (UTC days, both included). Either may be left
 * out: `to` defaults to today, `from` to 29 days before `to`. Every problem is a 400
 * naming the parameter.
 *
 * @example
 * dateRange({ from: '2026-01-01', to: '2026-01-31' }, Date.now()).endMs; // 2026-02-01T00:00Z
 */
export function dateRange(
  query: { from?: string | undefined; to?: string | undefined },
  now: number,
): DateRange {
  const problems: { field: string; reason: string }[] = [];
  const read = (field: 'from' | 'to'): number | null => {
    const text = query[field];
    if (text === undefined) return null;
    const day = parseDay(text);
    if (day === null) {
      problems.push({ field, reason: `must be a date like 2026-01-31 (got "${text}")` });
    }
    return day;
  };
  const from = read('from');
  const to = read('to');
  if (problems.length === 0) {
    const end = to ?? Math.floor(now / DAY) * DAY;
    const start = from ?? end - (DEFAULT_RANGE_DAYS - 1) * DAY;
    const days = (end - start) / DAY + 1;
    if (start > end) {
      problems.push({ field: 'from', reason: `must not be after to (${iso(end)})` });
    } else if (days > MAX_RANGE_DAYS) {
      problems.push({
        field: 'to',
        reason: `the range is ${days} days; at most ${MAX_RANGE_DAYS} are allowed`,
      });
    } else {
      return { from: iso(start), to: iso(end), startMs: start, endMs: end + DAY };
    }
  }
  throw new AppError(
    400,
    'invalid_request',
    problems.map((p) => `${p.field}: ${p.reason}`).join('; '),
    problems,
  );
}

/** Midnight UTC of a real calendar day written YYYY-MM-DD, or null. */
function parseDay(text: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const ms = Date.parse(`${text}T00:00:00.000Z`);
  // Date.parse rolls 2026-02-30 over to March; the round trip catches it.
  return Number.isNaN(ms) || iso(ms) !== text ? null : ms;
}

function iso(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
