/** Numbers, rates, durations and dates in the reader's locale. */
export interface Format {
  count(n: number): string;
  /** A rate in [0, 1] as a percentage; "—" when there is none. */
  percent(rate: number | null): string;
  /** A difference of rates in percentage points, with its sign: "+4.0 pts". */
  points(diff: number | null): string;
  /** Signed score points: "+10", "−5". */
  signed(n: number): string;
  /** A p-value: "p < 0.001", "p = 0.034". */
  pValue(p: number | null): string;
  /** A duration, in its two largest units: "3 h 12 min". */
  duration(ms: number | null): string;
  /** A date and time; "—" for null or an unreadable value. */
  dateTime(iso: string | number | null): string;
  /** A `YYYY-MM-DD` UTC day. */
  day(day: string): string;
}

export const DASH = '—';

/**
 * @example
 * const fmt = createFormat('en-US');
 * fmt.percent(0.4); // "40.0%"
 * fmt.duration(11_520_000); // "3 h 12 min"
 */
export function createFormat(locale?: string): Format {
  const count = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const percent = new Intl.NumberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  const points = new Intl.NumberFormat(locale, {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
    signDisplay: 'exceptZero',
  });
  const signed = new Intl.NumberFormat(locale, { signDisplay: 'exceptZero' });
  const p = new Intl.NumberFormat(locale, { maximumSignificantDigits: 2 });
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const units = (['day', 'hour', 'minute', 'second'] as const).map((unit) => ({
    unit,
    ms: { day: 86_400_000, hour: 3_600_000, minute: 60_000, second: 1000 }[unit],
    format: new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'narrow' }),
  }));
  return {
    count: (n) => count.format(n),
    percent: (rate) => (rate === null || !Number.isFinite(rate) ? DASH : percent.format(rate)),
    points: (diff) =>
      diff === null || !Number.isFinite(diff) ? DASH : `${points.format(diff * 100)} pts`,
    signed: (n) => signed.format(n),
    pValue: (value) => {
      if (value === null || !Number.isFinite(value)) return DASH;
      if (value < 0.001) return `p < ${p.format(0.001)}`;
      return `p = ${p.format(value)}`;
    },
    duration: (ms) => {
      if (ms === null || !Number.isFinite(ms) || ms < 0) return DASH;
      if (ms < 1000) return units[3]!.format.format(0);
      let rest = Math.round(ms / 1000) * 1000;
      const parts: string[] = [];
      for (const { ms: size, format } of units) {
        if (parts.length === 2) break;
        const whole = Math.floor(rest / size);
        if (whole > 0 || parts.length > 0) {
          if (whole > 0) parts.push(format.format(whole));
          rest -= whole * size;
          if (parts.length > 0 && whole === 0) break;
        }
      }
      return parts.join(' ');
    },
    dateTime: (value) => {
      if (value === null) return DASH;
      const date = new Date(value);
      return Number.isNaN(date.getTime()) ? DASH : dateTime.format(date);
    },
    day: (text) => {
      const date = new Date(`${text}T00:00:00Z`);
      return Number.isNaN(date.getTime()) ? text : day.format(date);
    },
  };
}
