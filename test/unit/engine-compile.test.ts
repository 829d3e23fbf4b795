import { describe, expect, it } from 'vitest';
import { configSchema } from '../../core/config/schema';
import {
  applyEvent,
  type CompiledEventMilestone,
  compileRules,
  type EngineEvent,
  emptyState,
  type Rules,
} from '../../core/engine';

const T0 = Date.UTC(2026, 0, 5, 9);

/** 1,000 milestones (and 40 checklists) on events nobody in these tests sends. */
function bigConfig() {
  const milestones: Record<string, unknown>[] = [
    { id: 'channel', event: 'channel_created' },
    { id: 'invited', event: 'teammate_invited', scope: 'account' },
    { id: 'ready', all: ['channel', 'invited'] },
  ];
  for (let i = 0; i < 997; i++) {
    milestones.push(
      i % 10 === 9
        ? { id: `combo_${i}`, any: [`unrelated_${i - 1}`, `unrelated_${i - 2}`] }
        : { id: `unrelated_${i}`, event: `unrelated_event_${i % 50}`, count: 1 + (i % 5) },
    );
  }
  const checklists = Array.from({ length: 40 }, (_, i) => ({
    id: `list_${i}`,
    title: `List ${i}`,
    items: [0, 1, 2].map((j) => ({
      id: `i${j}`,
      milestone: `unrelated_${i * 10 + j}`,
      title: 'x',
    })),
  }));
  return configSchema.parse({ product: { name: 'TeamChat' }, milestones, checklists });
}

/** The same rules, counting which milestones' filters run and which parents are looked up. */
function instrument(rules: Rules) {
  const filtered: string[] = [];
  const parentLookups: string[] = [];
  const byEvent = new Map(
    [...rules.byEvent].map(([name, list]) => [
      name,
      list.map(
        (m): CompiledEventMilestone => ({
          ...m,
          matches: (p) => {
            filtered.push(m.id);
            return m.matches(p);
          },
        }),
      ),
    ]),
  );
  const parents = {
    get: (id: string) => {
      parentLookups.push(id);
      return rules.parents.get(id);
    },
  } as Rules['parents'];
  return { rules: { ...rules, byEvent, parents }, filtered, parentLookups };
}

const track = (event: string, messageId: string): EngineEvent => ({
  messageId,
  type: 'track',
  event,
  timestamp: T0,
  userId: 'ana',
  accountId: 'acme',
});

describe('compiled rules', () => {
  const rules = compileRules(bigConfig());

  it('indexes event milestones by event name, combinations by child, items by milestone', () => {
    expect(rules.milestones.size).toBe(1000);
    expect(rules.byEvent.get('channel_created')?.map((m) => m.id)).toEqual(['channel']);
    expect(rules.byEvent.get('unrelated_event_0')?.length).toBeGreaterThan(1);
    expect(rules.parents.get('channel')?.map((c) => c.id)).toEqual(['ready']);
    expect(rules.parents.get('invited')?.map((c) => c.id)).toEqual(['ready']);
    expect(rules.parents.get('unrelated_7')?.map((c) => c.id)).toEqual(['combo_9']);
    expect(rules.itemsByMilestone.get('unrelated_11')).toEqual([
      expect.objectContaining({ checklist: expect.objectContaining({ id: 'list_1' }) }),
    ]);
    expect(rules.itemsByMilestone.get('channel')).toBeUndefined();
  });

  it('records each child’s scope and ranks combinations above their children', () => {
    const ready = rules.milestones.get('ready');
    expect(ready).toMatchObject({
      kind: 'all',
      children: [
        { id: 'channel', scope: 'user' },
        { id: 'invited', scope: 'account' },
      ],
      rank: 1,
    });
    const nested = compileRules(
      configSchema.parse({
        product: { name: 'x' },
        milestones: [
          { id: 'top', any: ['mid', 'a'] },
          { id: 'mid', all: ['a', 'b'] },
          { id: 'a', event: 'a' },
          { id: 'b', event: 'b' },
        ],
      }),
    );
    expect([nested.milestones.get('mid'), nested.milestones.get('top')]).toMatchObject([
      { rank: 1 },
      { rank: 2 },
    ]);
  });

  it('examines only the milestones that watch the event, however many others there are', () => {
    const probe = instrument(rules);
    const out = applyEvent(
      probe.rules,
      { user: emptyState(), account: emptyState() },
      track('channel_created', 'm1'),
    );
    expect(probe.filtered).toEqual(['channel']);
    // `channel` and its one ancestor `ready`: the walk goes up from what changed, nowhere else.
    expect(probe.parentLookups).toEqual(['channel', 'ready']);
    expect(out.user.reached).toEqual({ channel: T0 });
  });

  it('an event no rule watches touches nothing but the seen ids and times', () => {
    const probe = instrument(rules);
    const user = emptyState();
    const account = emptyState();
    const out = applyEvent(probe.rules, { user, account }, track('emoji_added', 'm2'));
    expect(probe.filtered).toEqual([]);
    // Only `ready`, the one user milestone with an account child, is looked at: a teammate
    // may have completed it. It is not reached, so nothing changes.
    expect(probe.parentLookups).toEqual(['ready']);
    expect(out.changes).toEqual([]);
    expect(out.user.reached).toBe(user.reached);
    expect(out.user.progress).toBe(user.progress);
    expect(out.user.seen).toEqual(['m2']);
    expect(out.account?.reached).toBe(account.reached);
  });

  it('handles milestone ids that are names of Object.prototype members', () => {
    const odd = compileRules(
      configSchema.parse({
        product: { name: 'x' },
        milestones: [
          { id: 'constructor', event: 'built', count: 2 },
          { id: 'tostring', any: ['constructor'] },
        ],
      }),
    );
    const once = applyEvent(odd, { user: emptyState() }, track('built', 'a'));
    expect(once.user.reached).toEqual({});
    const twice = applyEvent(odd, once, { ...track('built', 'b'), timestamp: T0 + 1 });
    expect(twice.user.reached).toEqual({ constructor: T0 + 1, tostring: T0 + 1 });
  });
});
