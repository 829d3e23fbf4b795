import { describe, expect, it } from 'vitest';
import { configSchema } from '../../core/config/schema';
import {
  applyEvent,
  type Change,
  compileRules,
  type EngineEvent,
  emptyState,
  type Rules,
  SEEN_LIMIT,
  type Subjects,
} from '../../core/engine';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 0, 5, 9);

const rulesFor = (config: Record<string, unknown>) =>
  compileRules(configSchema.parse({ product: { name: 'TeamChat' }, ...config }));

let next = 0;
const ACME = { userId: 'ana', accountId: 'acme' };
const track = (event: string, at: number, messageId = `m${++next}`): EngineEvent => ({
  messageId,
  type: 'track',
  event,
  timestamp: at,
  ...ACME,
});
const page = (at: number): EngineEvent => ({
  messageId: `m${++next}`,
  type: 'page',
  timestamp: at,
  ...ACME,
});

function play(rules: Rules, events: EngineEvent[], start?: Subjects) {
  let states: Subjects = start ?? { user: emptyState(), account: emptyState() };
  const changes: Change[] = [];
  for (const event of events) {
    const out = applyEvent(rules, states, event);
    states = { user: out.user, account: out.account };
    changes.push(...out.changes);
  }
  return { user: states.user, account: states.account, changes };
}

describe('events arriving out of order', () => {
  it('a late, older event moves the reached time earlier and says so', () => {
    const rules = rulesFor({ milestones: [{ id: 'channel', event: 'channel_created' }] });
    const first = play(rules, [track('channel_created', T0 + 10 * HOUR)]);
    const late = play(rules, [track('channel_created', T0 + 5 * HOUR)], first);
    expect(late.user.reached).toEqual({ channel: T0 + 5 * HOUR });
    expect(late.changes).toEqual([
      { kind: 'milestone', id: 'channel', scope: 'user', at: T0 + 5 * HOUR, moved: true },
    ]);
    const after = play(rules, [track('channel_created', T0 + 20 * HOUR)], late);
    expect(after.user.reached).toEqual({ channel: T0 + 5 * HOUR });
    expect(after.changes).toEqual([]);
  });

  it('reaches a count at the time of its count-th event in time, whatever the arrival order', () => {
    const rules = rulesFor({
      milestones: [{ id: 'three', event: 'message_sent', count: 3 }],
    });
    const out = play(rules, [
      track('message_sent', T0 + 30),
      track('message_sent', T0 + 10),
      track('message_sent', T0 + 20),
    ]);
    expect(out.user.reached).toEqual({ three: T0 + 30 });
  });

  it('late events that reach a count by themselves move it earlier', () => {
    const rules = rulesFor({ milestones: [{ id: 'two', event: 'message_sent', count: 2 }] });
    const first = play(rules, [track('message_sent', T0 + 100), track('message_sent', T0 + 200)]);
    const late = play(
      rules,
      [track('message_sent', T0 + 10), track('message_sent', T0 + 20)],
      first,
    );
    expect(late.user.reached).toEqual({ two: T0 + 20 });
    expect(late.user.progress).toEqual({});
    expect(late.changes).toEqual([
      { kind: 'milestone', id: 'two', scope: 'user', at: T0 + 20, moved: true },
    ]);
  });

  it('never un-reaches a milestone when first seen moves earlier', () => {
    const rules = rulesFor({
      milestones: [
        { id: 'early', event: 'message_sent', count: 2, within: { days: 7, of: 'first_seen' } },
      ],
    });
    const first = play(rules, [
      page(T0),
      track('message_sent', T0 + 5 * DAY),
      track('message_sent', T0 + 6 * DAY),
    ]);
    expect(first.user.reached).toEqual({ early: T0 + 6 * DAY });
    // Day −5 is now first seen: day 6 lies outside its week, but what was reached stays.
    const late = play(rules, [page(T0 - 5 * DAY)], first);
    expect(late.user.firstSeen).toBe(T0 - 5 * DAY);
    expect(late.user.reached).toEqual({ early: T0 + 6 * DAY });
  });

  it('moves combinations and activation along, and reports the new time to value', () => {
    const rules = rulesFor({
      milestones: [
        { id: 'channel', event: 'channel_created' },
        { id: 'invited', event: 'teammate_invited', scope: 'account' },
        { id: 'ready', all: ['channel', 'invited'] },
        { id: 'started', any: ['channel', 'invited'], scope: 'account' },
      ],
      activation: { milestones: ['ready'] },
    });
    const first = play(rules, [
      page(T0),
      track('teammate_invited', T0 + 2 * HOUR),
      track('channel_created', T0 + 4 * HOUR),
    ]);
    expect(first.user.activatedAt).toBe(T0 + 4 * HOUR);
    const late = play(rules, [track('channel_created', T0 + HOUR)], first);
    expect(late.user.reached).toEqual({ channel: T0 + HOUR, ready: T0 + 2 * HOUR });
    expect(late.account?.reached).toEqual({ invited: T0 + 2 * HOUR, started: T0 + HOUR });
    expect(late.changes).toEqual([
      { kind: 'milestone', id: 'channel', scope: 'user', at: T0 + HOUR, moved: true },
      { kind: 'milestone', id: 'ready', scope: 'user', at: T0 + 2 * HOUR, moved: true },
      { kind: 'milestone', id: 'started', scope: 'account', at: T0 + HOUR, moved: true },
      { kind: 'activation', at: T0 + 2 * HOUR, ttvMs: 2 * HOUR, moved: true },
    ]);
  });

  it('reports a longer time to value when first seen moves earlier', () => {
    const rules = rulesFor({
      milestones: [{ id: 'channel', event: 'channel_created' }],
      activation: { milestones: ['channel'] },
    });
    const first = play(rules, [page(T0), track('channel_created', T0 + HOUR)]);
    const late = play(rules, [page(T0 - HOUR)], first);
    expect(late.user.activatedAt).toBe(T0 + HOUR);
    expect(late.changes).toEqual([
      { kind: 'activation', at: T0 + HOUR, ttvMs: 2 * HOUR, moved: true },
    ]);
  });
});

describe('replayed events', () => {
  const rules = rulesFor({
    milestones: [
      { id: 'two', event: 'message_sent', count: 2 },
      { id: 'invited', event: 'teammate_invited', scope: 'account' },
    ],
  });

  it('an event whose message id was already applied changes nothing', () => {
    const once = play(rules, [track('message_sent', T0, 'dup-1')]);
    const out = applyEvent(rules, once, track('message_sent', T0 + 1, 'dup-1'));
    expect(out.user).toBe(once.user);
    expect(out.account).toBe(once.account);
    expect(out.changes).toEqual([]);
    expect(out.user.reached).toEqual({});
  });

  it('a replay of an account milestone is not counted twice', () => {
    const once = play(rules, [track('teammate_invited', T0, 'inv-1')]);
    const again = applyEvent(rules, once, track('teammate_invited', T0 - HOUR, 'inv-1'));
    expect(again.account).toBe(once.account);
    expect(again.changes).toEqual([]);
  });
});

describe('replays across many events', () => {
  const rules = rulesFor({ milestones: [{ id: 'many', event: 'message_sent', count: 1000 }] });

  it('recognises a replay among many events, even from an older copy of the state', () => {
    const events = Array.from({ length: SEEN_LIMIT }, (_, i) =>
      track('message_sent', T0 + i, `id-${i}`),
    );
    const older = play(rules, events);
    const newer = play(rules, [track('message_sent', T0 + 400, 'id-new')], older);
    expect(applyEvent(rules, newer, track('message_sent', T0 + 500, 'id-7')).user).toBe(newer.user);
    expect(
      applyEvent(rules, older, track('message_sent', T0 + 500, `id-${SEEN_LIMIT - 1}`)).user,
    ).toBe(older.user);
    // The older copy never saw `id-new`: for it, that is a new event.
    const branch = applyEvent(rules, older, track('message_sent', T0 + 400, 'id-new'));
    expect(branch.user.progress.many).toHaveLength(SEEN_LIMIT + 1);
  });

  it('forgets ids beyond the last SEEN_LIMIT, so only recent replays are caught', () => {
    const events = Array.from({ length: SEEN_LIMIT + 100 }, (_, i) =>
      track('message_sent', T0 + i, `r-${i}`),
    );
    const out = play(rules, events);
    expect(
      applyEvent(rules, out, track('message_sent', T0, `r-${SEEN_LIMIT + 99}`)).changes,
    ).toEqual([]);
    expect(applyEvent(rules, out, track('message_sent', T0, 'r-100')).user).toBe(out.user);
    expect(applyEvent(rules, out, track('message_sent', T0, 'r-99')).user).not.toBe(out.user);
  });

  it('ignores an event without a usable time', () => {
    const start = { user: emptyState(), account: emptyState() };
    const out = applyEvent(rules, start, track('message_sent', Number.NaN));
    expect(out.user).toBe(start.user);
    expect(out.changes).toEqual([]);
  });
});

describe('structural sharing', () => {
  const rules = rulesFor({
    milestones: [
      { id: 'channel', event: 'channel_created' },
      { id: 'two', event: 'message_sent', count: 2 },
    ],
  });

  it('keeps the parts an event did not change', () => {
    const first = play(rules, [track('channel_created', T0)]);
    const out = applyEvent(rules, first, track('message_sent', T0 + 1));
    expect(out.user).not.toBe(first.user);
    expect(out.user.reached).toBe(first.user.reached);
    expect(out.user.progress).toEqual({ two: [T0 + 1] });
    expect(out.account?.reached).toBe(first.account?.reached);
  });

  it('does not modify the states passed in', () => {
    const first = play(rules, [track('message_sent', T0)]);
    const snapshot = structuredClone(first);
    applyEvent(rules, first, track('message_sent', T0 + 1));
    applyEvent(rules, first, track('channel_created', T0 + 2));
    expect(first).toEqual(snapshot);
  });
});
