import { describe, expect, it } from 'vitest';
import { configSchema } from '../../core/config/schema';
import {
  type Applied,
  applyEvent,
  type Change,
  compileRules,
  type EngineEvent,
  emptyState,
  matchesFilter,
  type Rules,
  SEEN_LIMIT,
  type Subjects,
} from '../../core/engine';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 5, 9);

const rulesFor = (milestones: unknown[]) =>
  compileRules(configSchema.parse({ product: { name: 'TeamChat' }, milestones }));

let next = 0;
const track = (event: string, at: number, properties?: Record<string, unknown>): EngineEvent => ({
  messageId: `m${++next}`,
  type: 'track',
  event,
  timestamp: at,
  ...(properties && { properties }),
});
const page = (at: number): EngineEvent => ({
  messageId: `m${++next}`,
  type: 'page',
  timestamp: at,
});

/** Applies events in order; returns the final states and every change. */
function play(rules: Rules, events: EngineEvent[], start: Subjects = { user: emptyState() }) {
  let states: Subjects = start;
  const changes: Change[] = [];
  for (const event of events) {
    const out: Applied = applyEvent(rules, states, event);
    states = out.account ? { user: out.user, account: out.account } : { user: out.user };
    changes.push(...out.changes);
  }
  return { ...states, changes };
}

describe('event milestones: thresholds', () => {
  const rules = rulesFor([{ id: 'three_channels', event: 'channel_created', count: 3 }]);

  it('is reached on the third matching event, at that event’s time', () => {
    const two = play(rules, [track('channel_created', T0), track('channel_created', T0 + 60_000)]);
    expect(two.user.reached).toEqual({});
    expect(two.user.progress).toEqual({ three_channels: [T0, T0 + 60_000] });
    expect(two.changes).toEqual([]);

    const three = play(rules, [track('channel_created', T0 + 120_000)], two);
    expect(three.user.reached).toEqual({ three_channels: T0 + 120_000 });
    expect(three.changes).toEqual([
      { kind: 'milestone', id: 'three_channels', scope: 'user', at: T0 + 120_000 },
    ]);
  });

  it('drops the progress of a reached milestone and ignores later matching events', () => {
    const out = play(
      rules,
      [0, 1, 2, 3, 4].map((i) => track('channel_created', T0 + i)),
    );
    expect(out.user.reached).toEqual({ three_channels: T0 + 2 });
    expect(out.user.progress).toEqual({});
    expect(out.changes).toHaveLength(1);
  });

  it('counts only track events with the milestone’s event name', () => {
    const out = play(rules, [
      { messageId: 'p1', type: 'page', event: 'channel_created', timestamp: T0 },
      { messageId: 'i1', type: 'identify', event: 'channel_created', timestamp: T0 },
      track('channel_renamed', T0),
      track('Channel_Created', T0),
    ]);
    expect(out.user.progress).toEqual({});
  });

  it('updates first and last seen from every kind of event, in any order', () => {
    const out = play(rules, [page(T0 + 5 * DAY), track('other', T0 + 9 * DAY), page(T0 + DAY)]);
    expect(out.user.firstSeen).toBe(T0 + DAY);
    expect(out.user.lastSeen).toBe(T0 + 9 * DAY);
  });

  it('counts only events that pass every where filter', () => {
    const filtered = rulesFor([
      {
        id: 'big_upload',
        event: 'file_uploaded',
        count: 2,
        where: [
          { property: 'size', op: 'gte', value: 1_000_000 },
          { property: 'file.kind', op: 'in', value: ['pdf', 'png'] },
        ],
      },
    ]);
    const out = play(filtered, [
      track('file_uploaded', T0, { size: 2_000_000, file: { kind: 'pdf' } }),
      track('file_uploaded', T0 + 1, { size: 10, file: { kind: 'pdf' } }),
      track('file_uploaded', T0 + 2, { size: '2000000', file: { kind: 'pdf' } }),
      track('file_uploaded', T0 + 3, { size: 5_000_000, file: { kind: 'exe' } }),
      track('file_uploaded', T0 + 4, { size: 5_000_000 }),
      track('file_uploaded', T0 + 5, { size: 1_000_000, file: { kind: 'png' } }),
    ]);
    expect(out.user.reached).toEqual({ big_upload: T0 + 5 });
  });
});

describe('property filters', () => {
  const props = {
    plan: 'free',
    seats: 5,
    tags: ['beta', 'eu'],
    title: 'Quarterly report',
    page: { path: '/pricing', depth: 2 },
    'utm.source': 'newsletter',
    empty: null,
  };
  const check = (property: string, op: string, value?: unknown) =>
    matchesFilter(
      { property, op, ...(value !== undefined && { value }) } as Parameters<
        typeof matchesFilter
      >[0],
      props,
    );

  it.each([
    ['plan', 'eq', 'free', true],
    ['plan', 'eq', 'pro', false],
    ['seats', 'eq', '5', false],
    ['plan', 'neq', 'pro', true],
    ['plan', 'neq', 'free', false],
    ['seats', 'gt', 4, true],
    ['seats', 'gt', 5, false],
    ['seats', 'gte', 5, true],
    ['seats', 'lt', 6, true],
    ['seats', 'lt', 5, false],
    ['seats', 'lte', 5, true],
    ['plan', 'in', ['free', 'trial'], true],
    ['plan', 'in', ['pro'], false],
    ['plan', 'nin', ['pro'], true],
    ['plan', 'nin', ['free'], false],
    ['title', 'contains', 'report', true],
    ['title', 'contains', 'invoice', false],
    ['tags', 'contains', 'eu', true],
    ['tags', 'contains', 'us', false],
    ['plan', 'exists', true, true],
    ['plan', 'exists', false, false],
    ['tags', 'eq', ['beta', 'eu'], true],
  ])('%s %s %j → %s', (property, op, value, expected) => {
    expect(check(property, op, value)).toBe(expected);
  });

  it('reaches nested properties with dots, and a property whose name has a dot', () => {
    expect(check('page.path', 'eq', '/pricing')).toBe(true);
    expect(check('page.depth', 'gte', 2)).toBe(true);
    expect(check('page.missing', 'exists', false)).toBe(true);
    expect(check('plan.length', 'exists', true)).toBe(false);
    expect(check('utm.source', 'eq', 'newsletter')).toBe(true);
    expect(
      matchesFilter(
        { property: 'items.1.sku', op: 'eq', value: 'B' },
        { items: [{ sku: 'A' }, { sku: 'B' }] },
      ),
    ).toBe(true);
  });

  it('compares numbers only with numbers, with no coercion', () => {
    expect(check('plan', 'gt', 1)).toBe(false);
    expect(check('seats', 'gt', '1')).toBe(false);
    expect(check('seats', 'lte', '9')).toBe(false);
    expect(check('title', 'contains', 1)).toBe(false);
    expect(check('seats', 'contains', 5)).toBe(false);
  });

  it('fails every comparison on a missing property except neq, nin and exists: false', () => {
    const missing = (op: string, value?: unknown) => check('nope', op, value);
    expect(['eq', 'gt', 'gte', 'lt', 'lte', 'in', 'contains'].map((op) => missing(op, 1))).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(missing('neq', 'x')).toBe(true);
    expect(missing('nin', ['x'])).toBe(true);
    expect(missing('exists', false)).toBe(true);
    expect(missing('exists', true)).toBe(false);
  });

  it('treats null as a value for eq but as not set for exists', () => {
    expect(check('empty', 'eq', null)).toBe(true);
    expect(check('empty', 'exists', true)).toBe(false);
    expect(check('empty', 'exists', false)).toBe(true);
    expect(check('empty', 'gt', 0)).toBe(false);
  });

  it('never reads inherited properties such as constructor', () => {
    expect(check('constructor', 'exists', true)).toBe(false);
    expect(check('toString', 'neq', 'x')).toBe(true);
    expect(matchesFilter({ property: 'a', op: 'eq', value: 1 }, undefined)).toBe(false);
  });
});

describe('event milestones: windows', () => {
  it('within days of first seen: counts events no later than first seen + days', () => {
    const rules = rulesFor([
      { id: 'early_msgs', event: 'message_sent', count: 3, within: { days: 7, of: 'first_seen' } },
    ]);
    const out = play(rules, [
      page(T0),
      track('message_sent', T0 + 2 * DAY),
      track('message_sent', T0 + 5 * DAY),
      track('message_sent', T0 + 7 * DAY),
    ]);
    expect(out.user.reached).toEqual({ early_msgs: T0 + 7 * DAY });
  });

  it('within days of first seen: expires, and forgets events that can never count', () => {
    const rules = rulesFor([
      { id: 'early_msgs', event: 'message_sent', count: 3, within: { days: 7, of: 'first_seen' } },
    ]);
    const out = play(rules, [
      page(T0),
      track('message_sent', T0 + 3 * DAY),
      track('message_sent', T0 + 8 * DAY),
      track('message_sent', T0 + 9 * DAY),
      track('message_sent', T0 + 10 * DAY),
    ]);
    expect(out.user.reached).toEqual({});
    expect(out.user.progress).toEqual({ early_msgs: [T0 + 3 * DAY] });
  });

  it('within days of first seen: recounts when an older event moves first seen earlier', () => {
    const rules = rulesFor([
      { id: 'early_msgs', event: 'message_sent', count: 3, within: { days: 7, of: 'first_seen' } },
    ]);
    const before = play(rules, [
      page(T0 + 10 * DAY),
      track('message_sent', T0 + 12 * DAY),
      track('message_sent', T0 + 15 * DAY),
    ]);
    // Without the late page view this third message would reach it (≤ day 17).
    const late = play(rules, [page(T0 + DAY), track('message_sent', T0 + 16 * DAY)], before);
    expect(late.user.firstSeen).toBe(T0 + DAY);
    expect(late.user.reached).toEqual({});
    expect(late.user.progress).toEqual({});
  });

  it('in the last days: reached at the first event with count matching events in the window', () => {
    const rules = rulesFor([
      { id: 'weekly_active', event: 'message_sent', count: 3, within: { days: 7 } },
    ]);
    const spread = play(
      rules,
      [0, 5, 10, 14].map((d) => track('message_sent', T0 + d * DAY)),
    );
    expect(spread.user.reached).toEqual({});
    const out = play(rules, [track('message_sent', T0 + 15 * DAY)], spread);
    expect(out.user.reached).toEqual({ weekly_active: T0 + 15 * DAY });
  });

  it('in the last days: includes both ends of the window', () => {
    const rules = rulesFor([{ id: 'twice', event: 'login', count: 2, within: { days: 1 } }]);
    const out = play(rules, [track('login', T0), track('login', T0 + DAY)]);
    expect(out.user.reached).toEqual({ twice: T0 + DAY });
  });

  it('in the last days: keeps fewer than count times however many events arrive', () => {
    const rules = rulesFor([
      { id: 'weekly_active', event: 'message_sent', count: 3, within: { days: 7 } },
    ]);
    // One message every five days for ten years never makes three in a week.
    const out = play(
      rules,
      Array.from({ length: 730 }, (_, i) => track('message_sent', T0 + i * 5 * DAY)),
    );
    expect(out.user.reached).toEqual({});
    expect(out.user.progress.weekly_active).toEqual([T0 + 3640 * DAY, T0 + 3645 * DAY]);
  });
});

describe('state bounds', () => {
  it('remembers only the last SEEN_LIMIT message ids', () => {
    const rules = rulesFor([{ id: 'hundred', event: 'message_sent', count: 100 }]);
    const events = Array.from({ length: 2_000 }, (_, i) => track('message_sent', T0 + i));
    const out = play(rules, events);
    expect(out.user.seen).toHaveLength(SEEN_LIMIT);
    expect(out.user.seen.at(-1)).toBe(events.at(-1)?.messageId);
    expect(out.user.seen[0]).toBe(events[2_000 - SEEN_LIMIT]?.messageId);
    expect(out.user.progress).toEqual({});
  });

  it('keeps at most count − 1 times for a plain count', () => {
    const rules = rulesFor([{ id: 'hundred', event: 'message_sent', count: 100 }]);
    const out = play(
      rules,
      Array.from({ length: 99 }, (_, i) => track('message_sent', T0 + i)),
    );
    expect(out.user.progress.hundred).toHaveLength(99);
    expect(JSON.parse(JSON.stringify(out.user))).toEqual(out.user);
  });
});
