import { describe, expect, it } from 'vitest';
import { configSchema } from '../../core/config/schema';
import {
  applyPqlEvent,
  compilePql,
  emptyPqlState,
  emptyState,
  nextExpiry,
  type PqlCounter,
  type PqlEvent,
  SIGNAL_EVENT,
  scorePql,
} from '../../core/engine';

/**
 * The incremental, bounded PQL state against a brute-force reading of every event at
 * once, on pseudo-random streams: the same score, the same reasons and the same next
 * expiry at many `now`s, whether events arrive in order or shuffled.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 0, 5);

const config = configSchema.parse({
  product: { name: 'x' },
  signals: [
    { id: 'pricing', type: 'page', path: '/pricing' },
    { id: 'limit', type: 'usage', metric: 'messages', thresholds: [1] },
  ],
  pql: [
    {
      id: 'mix',
      value: [
        { event: 'a', points: 1 },
        { event: 'a', atLeast: 4, points: 2 },
        { event: 'a', atLeast: 3, withinDays: 2, points: 4 },
        {
          event: 'a',
          atLeast: 2,
          withinDays: 5,
          where: [{ property: 'n', op: 'gte', value: 5 }],
          points: 8,
        },
      ],
      intent: [
        { signal: 'pricing', withinDays: 3, points: 16 },
        { signal: 'limit', withinDays: 1.5, atLeast: 2, points: 32 },
        { event: 'b', withinDays: 4, points: 64 },
      ],
      threshold: 50,
    },
  ],
});
const pql = compilePql(config);
const counters = [...(pql.definitions.get('mix')?.counters.values() ?? [])];

function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

function stream(seed: number): PqlEvent[] {
  const rand = random(seed);
  const events: PqlEvent[] = [];
  let t = T0;
  for (let i = 0; i < 60; i++) {
    t += Math.floor(rand() * 0.8 * DAY);
    const r = rand();
    if (r < 0.4)
      events.push({
        type: 'track',
        event: 'a',
        timestamp: t,
        properties: { n: Math.floor(rand() * 10) },
      });
    else if (r < 0.7) {
      const signalId = ['pricing', 'limit', 'other'][Math.floor(rand() * 3)];
      events.push({ type: 'track', event: SIGNAL_EVENT, timestamp: t, properties: { signalId } });
    } else if (r < 0.85) events.push({ type: 'track', event: 'b', timestamp: t });
    else events.push({ type: 'page', timestamp: t, properties: { signalId: 'pricing' } });
  }
  return events;
}

/** The times of every event a rule counts, read from the whole stream. */
function matching(c: PqlCounter, events: PqlEvent[]): number[] {
  return events
    .filter(
      (e) =>
        e.type === 'track' &&
        e.event === c.event &&
        (c.signal === null || e.properties?.signalId === c.signal) &&
        c.matches(e.properties),
    )
    .map((e) => e.timestamp);
}

const inWindow = (c: PqlCounter, t: number, now: number) =>
  c.windowMs === null || now < t + c.windowMs;

function truth(events: PqlEvent[], now: number) {
  const holding = counters.filter(
    (c) => matching(c, events).filter((t) => inWindow(c, t, now)).length >= c.atLeast,
  );
  // The next expiry: the first time after now at which a holding rule stops holding.
  let expiry: number | null = null;
  for (const c of holding) {
    if (c.windowMs === null) continue;
    const times = matching(c, events).filter((t) => inWindow(c, t, now));
    for (const t of times) {
      const end = t + c.windowMs;
      const left = times.filter((u) => inWindow(c, u, end)).length;
      if (left < c.atLeast && (expiry === null || end < expiry)) {
        const before = times.filter((u) => inWindow(c, u, end - 1)).length;
        if (before >= c.atLeast) expiry = end;
      }
    }
  }
  return {
    score: holding.reduce((sum, c) => sum + c.points, 0),
    keys: holding.map((c) => c.key).sort(),
    expiry,
  };
}

function check(events: PqlEvent[], order: PqlEvent[]) {
  const state = order.reduce((s, e) => applyPqlEvent(pql, s, e), emptyPqlState());
  for (const e of events) {
    for (const now of [e.timestamp, e.timestamp + 0.7 * DAY, e.timestamp + 3 * DAY]) {
      const s = scorePql(pql, 'mix', { state, subject: emptyState(), now });
      const expected = truth(events, now);
      expect({ now, score: s.score, keys: s.reasons.map((r) => r.key).sort() }).toEqual({
        now,
        score: expected.score,
        keys: expected.keys,
      });
      expect(s.qualifies).toBe(expected.score >= 50);
      expect(nextExpiry(pql, state, now)).toBe(expected.expiry);
    }
  }
  for (const [key, times] of Object.entries(state.mix ?? {})) {
    const c = pql.definitions.get('mix')?.counters.get(key);
    expect(times.length).toBeLessThanOrEqual(c?.atLeast ?? 0);
  }
}

describe('PQL scoring against a brute-force oracle', () => {
  it.each(Array.from({ length: 25 }, (_, i) => i + 1))(
    'stream %i in order: same score, reasons and next expiry at every now',
    (seed) => {
      const events = stream(seed);
      check(events, events);
    },
  );

  it.each(Array.from({ length: 25 }, (_, i) => i + 101))(
    'stream %i shuffled: the same as in order',
    (seed) => {
      const events = stream(seed);
      const rand = random(seed * 7);
      const shuffled = events
        .map((e) => ({ e, k: rand() }))
        .sort((x, y) => x.k - y.k)
        .map(({ e }) => e);
      check(events, shuffled);
    },
  );
});
