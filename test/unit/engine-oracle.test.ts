import { describe, expect, it } from 'vitest';
import { configSchema } from '../../core/config/schema';
import { applyEvent, compileRules, type EngineEvent, emptyState } from '../../core/engine';

/**
 * The incremental engine against a brute-force reading of the rules over every event at
 * once, on pseudo-random streams: equal when events arrive in order; when they arrive
 * shuffled, never earlier than the truth (nothing is reached that wasn't), and equal for
 * count-1 milestones.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 0, 5);

const milestones = [
  { id: 'one', event: 'a' },
  { id: 'plain', event: 'a', count: 4 },
  { id: 'filtered', event: 'a', count: 3, where: [{ property: 'n', op: 'gte', value: 5 }] },
  { id: 'early', event: 'a', count: 3, within: { days: 4, of: 'first_seen' } },
  { id: 'burst', event: 'a', count: 3, within: { days: 1 } },
  { id: 'weekly', event: 'b', count: 4, within: { days: 7 } },
  { id: 'early_one', event: 'b', within: { days: 10, of: 'first_seen' } },
];
const rules = compileRules(configSchema.parse({ product: { name: 'x' }, milestones }));

function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

function stream(seed: number): EngineEvent[] {
  const rand = random(seed);
  const events: EngineEvent[] = [];
  let t = T0;
  for (let i = 0; i < 40; i++) {
    t += Math.floor(rand() * 2.5 * DAY);
    const r = rand();
    const base = { messageId: `s${seed}-${i}`, timestamp: t };
    if (r < 0.45)
      events.push({
        ...base,
        type: 'track',
        event: 'a',
        properties: { n: Math.floor(rand() * 10) },
      });
    else if (r < 0.8) events.push({ ...base, type: 'track', event: 'b' });
    else events.push({ ...base, type: 'page' });
  }
  return events;
}

/** When each milestone holds, reading all events at once. */
function truth(events: EngineEvent[]): Record<string, number> {
  const firstSeen = Math.min(...events.map((e) => e.timestamp));
  const out: Record<string, number> = {};
  for (const m of rules.byEvent.values()) {
    for (const rule of m) {
      const times = events
        .filter((e) => e.type === 'track' && e.event === rule.event && rule.matches(e.properties))
        .map((e) => e.timestamp)
        .sort((x, y) => x - y);
      let at: number | undefined;
      for (const t of times) {
        const counted = times.filter((u) => {
          if (u > t) return false;
          if (rule.window?.of === 'now') return u >= t - rule.window.ms;
          if (rule.window?.of === 'first_seen') return u <= firstSeen + rule.window.ms;
          return true;
        });
        if (counted.length >= rule.count) {
          at = t;
          break;
        }
      }
      if (at !== undefined) out[rule.id] = at;
    }
  }
  return out;
}

function engine(events: EngineEvent[]) {
  let user = emptyState();
  for (const event of events) user = applyEvent(rules, { user }, event).user;
  return user;
}

describe('engine against a brute-force oracle', () => {
  it.each(Array.from({ length: 30 }, (_, i) => i + 1))(
    'stream %i in order: reaches exactly what the rules say, when they say',
    (seed) => {
      const events = stream(seed);
      expect(engine(events).reached).toEqual(truth(events));
    },
  );

  it.each(Array.from({ length: 30 }, (_, i) => i + 101))(
    'stream %i shuffled: never early, never invented, exact for single events',
    (seed) => {
      const events = stream(seed);
      const rand = random(seed * 7);
      const shuffled = events
        .map((e) => ({ e, k: rand() }))
        .sort((x, y) => x.k - y.k)
        .map(({ e }) => e);
      const expected = truth(events);
      const { reached, firstSeen } = engine(shuffled);
      expect(firstSeen).toBe(events[0]?.timestamp);
      for (const [id, at] of Object.entries(reached)) {
        const m = rules.milestones.get(id);
        // A window of first seen can count events that are outside it once an older
        // event arrives; what was reached stays reached.
        if (m?.kind === 'event' && m.window?.of === 'first_seen') continue;
        expect(expected[id], id).toBeDefined();
        expect(at, id).toBeGreaterThanOrEqual(expected[id]!);
      }
      expect(reached.one).toBe(expected.one);
    },
  );
});
