import { describe, expect, it } from 'vitest';
import { configSchema } from '../../core/config/schema';
import {
  applyEvent,
  type Change,
  checklistView,
  compileRules,
  type EngineEvent,
  emptyState,
  evaluateCondition,
  isRtl,
  localize,
  pickLocale,
  type Rules,
  type Subjects,
} from '../../core/engine';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 0, 5, 9);

const locales = { default: 'en', supported: ['en', 'pt', 'pl'] };
const text = (en: string, pt: string, pl: string) => ({ en, pt, pl });

const config = configSchema.parse({
  product: { name: 'TeamChat' },
  locales,
  milestones: [
    { id: 'channel', event: 'channel_created' },
    { id: 'message', event: 'message_sent' },
    { id: 'invited', event: 'teammate_invited', scope: 'account' },
    { id: 'upgraded', event: 'plan_upgraded', scope: 'account' },
  ],
  activation: { milestones: ['channel', 'message'] },
  checklists: [
    {
      id: 'start',
      title: text('Get started', 'Comece', 'Zacznij'),
      description: text('Three steps', 'Três passos', 'Trzy kroki'),
      completeText: 'All done!',
      order: 'sequential',
      items: [
        {
          id: 'create',
          milestone: 'channel',
          title: text('Create a channel', 'Crie um canal', 'Utwórz kanał'),
          action: { type: 'url', url: '/channels/new' },
        },
        { id: 'say', milestone: 'message', title: 'Say hello', body: 'In #general' },
        { id: 'invite', milestone: 'invited', title: 'Invite a teammate' },
      ],
    },
    {
      id: 'admins',
      title: 'For admins',
      audience: {
        all: [
          { trait: 'role', op: 'eq', value: 'admin' },
          { accountTrait: 'plan', op: 'in', value: ['free', 'trial'] },
          { not: { milestone: 'upgraded', reached: true } },
        ],
      },
      items: [
        { id: 'a', milestone: 'channel', title: 'A' },
        { id: 'b', milestone: 'message', title: 'B' },
        { id: 'c', milestone: 'invited', title: 'C' },
      ],
    },
  ],
});
const rules = compileRules(config);

let next = 0;
const track = (event: string, at: number): EngineEvent => ({
  messageId: `m${++next}`,
  type: 'track',
  event,
  timestamp: at,
  userId: 'ana',
  accountId: 'acme',
});

function play(r: Rules, events: EngineEvent[], start?: Subjects) {
  let states: Subjects = start ?? { user: emptyState(), account: emptyState() };
  const changes: Change[] = [];
  for (const event of events) {
    const out = applyEvent(r, states, event);
    states = { user: out.user, account: out.account };
    changes.push(...out.changes);
  }
  return { user: states.user, account: states.account, changes };
}

describe('checklist changes', () => {
  it('reports each item done, then the checklist complete at its last item’s time', () => {
    const out = play(rules, [
      track('channel_created', T0),
      track('message_sent', T0 + HOUR),
      track('teammate_invited', T0 + 2 * HOUR),
    ]);
    expect(out.changes.filter((c) => c.kind.startsWith('checklist'))).toEqual([
      { kind: 'checklist_item', checklistId: 'start', itemId: 'create', at: T0 },
      { kind: 'checklist_item', checklistId: 'admins', itemId: 'a', at: T0 },
      { kind: 'checklist_item', checklistId: 'start', itemId: 'say', at: T0 + HOUR },
      { kind: 'checklist_item', checklistId: 'admins', itemId: 'b', at: T0 + HOUR },
      { kind: 'checklist_item', checklistId: 'start', itemId: 'invite', at: T0 + 2 * HOUR },
      { kind: 'checklist_item', checklistId: 'admins', itemId: 'c', at: T0 + 2 * HOUR },
      { kind: 'checklist_complete', checklistId: 'start', at: T0 + 2 * HOUR },
      { kind: 'checklist_complete', checklistId: 'admins', at: T0 + 2 * HOUR },
    ]);
  });

  it('orders changes: milestones, activation, then checklist items', () => {
    const first = play(rules, [track('channel_created', T0)]);
    const out = play(rules, [track('message_sent', T0 + HOUR)], first);
    expect(out.changes.map((c) => c.kind)).toEqual([
      'milestone',
      'activation',
      'checklist_item',
      'checklist_item',
    ]);
  });
});

describe('checklist view', () => {
  it('marks items done with their time, and locks those after an undone one when sequential', () => {
    const { user, account } = play(rules, [track('message_sent', T0)]);
    const [start] = checklistView(rules, { user, account }, 'en');
    expect(
      start?.items.map(({ id, done, doneAt, locked }) => ({ id, done, doneAt, locked })),
    ).toEqual([
      { id: 'create', done: false, doneAt: null, locked: false },
      { id: 'say', done: true, doneAt: T0, locked: false },
      { id: 'invite', done: false, doneAt: null, locked: true },
    ]);
    expect([start?.doneCount, start?.total, start?.complete, start?.completedAt]).toEqual([
      1,
      3,
      false,
      null,
    ]);
  });

  it('is complete once every item is, including an account item a teammate did', () => {
    const teammate = play(rules, [track('teammate_invited', T0 + 5 * HOUR)]);
    const mine = play(rules, [track('channel_created', T0), track('message_sent', T0 + HOUR)], {
      user: emptyState(),
      account: teammate.account,
    });
    const [start] = checklistView(rules, { user: mine.user, account: mine.account }, 'en');
    expect(start).toMatchObject({
      complete: true,
      doneCount: 3,
      completedAt: T0 + 5 * HOUR,
      completeText: 'All done!',
    });
    expect(start?.items.every((item) => !item.locked)).toBe(true);
  });

  it('shows a checklist only to its audience', () => {
    const user = emptyState();
    const account = emptyState();
    const ids = (
      traits: Record<string, unknown>,
      accountTraits: Record<string, unknown>,
      a = account,
    ) => checklistView(rules, { traits, accountTraits, user, account: a }, 'en').map((c) => c.id);
    expect(ids({ role: 'admin' }, { plan: 'free' })).toEqual(['start', 'admins']);
    expect(ids({ role: 'member' }, { plan: 'free' })).toEqual(['start']);
    expect(ids({ role: 'admin' }, { plan: 'business' })).toEqual(['start']);
    expect(ids({ role: 'admin' }, {})).toEqual(['start']);
    const upgraded = play(rules, [track('plan_upgraded', T0)]).account;
    expect(ids({ role: 'admin' }, { plan: 'free' }, upgraded)).toEqual(['start']);
  });

  it('gives texts in the user’s locale: exact, then language, then the default', () => {
    const state = { user: emptyState(), account: emptyState() };
    const view = (locale: string) => checklistView(rules, state, locale)[0];
    expect(view('pt-BR')?.title).toBe('Comece');
    expect(view('pl')?.description).toBe('Trzy kroki');
    expect(view('de-DE')?.title).toBe('Get started');
    expect(view('pt')?.items[0]).toMatchObject({
      title: 'Crie um canal',
      body: null,
      action: { type: 'url', url: '/channels/new', newTab: false },
    });
    expect(view('pt')?.items[1]).toMatchObject({
      title: 'Say hello',
      body: 'In #general',
      action: null,
    });
  });
});

describe('audience conditions', () => {
  const base = { user: emptyState(), account: emptyState(), rules };

  it('compares traits and account traits with the filter operators and dotted paths', () => {
    const ctx = {
      ...base,
      traits: { seats: 12, profile: { lang: 'pl' } },
      accountTraits: { tags: ['edu'] },
    };
    expect(evaluateCondition({ trait: 'seats', op: 'gte', value: 10 }, ctx)).toBe(true);
    expect(evaluateCondition({ trait: 'profile.lang', op: 'eq', value: 'pl' }, ctx)).toBe(true);
    expect(evaluateCondition({ accountTrait: 'tags', op: 'contains', value: 'edu' }, ctx)).toBe(
      true,
    );
    expect(evaluateCondition({ trait: 'seats', op: 'gt', value: '10' }, ctx)).toBe(false);
    expect(evaluateCondition({ trait: 'company', op: 'exists', value: false }, ctx)).toBe(true);
    expect(evaluateCondition({ accountTrait: 'tags', op: 'exists', value: true }, base)).toBe(
      false,
    );
  });

  it('checks milestones in their scope, activation, and combines with all, any and not', () => {
    const { user, account } = play(rules, [
      track('channel_created', T0),
      track('message_sent', T0 + 1),
      track('teammate_invited', T0 + 2),
    ]);
    const ctx = { user, account, rules };
    expect(evaluateCondition({ milestone: 'invited', reached: true }, ctx)).toBe(true);
    expect(evaluateCondition({ milestone: 'upgraded', reached: false }, ctx)).toBe(true);
    expect(evaluateCondition({ activated: true }, ctx)).toBe(true);
    expect(evaluateCondition({ activated: true }, base)).toBe(false);
    expect(
      evaluateCondition(
        { any: [{ milestone: 'upgraded', reached: true }, { not: { activated: false } }] },
        ctx,
      ),
    ).toBe(true);
    expect(
      evaluateCondition(
        { all: [{ activated: true }, { milestone: 'upgraded', reached: true }] },
        ctx,
      ),
    ).toBe(false);
  });
});

describe('localize', () => {
  const texts = { en: 'Hello', pt: 'Olá', 'pt-PT': 'Olá!', pl: 'Cześć' };

  it('falls back from pt-BR to pt to the default locale', () => {
    expect(localize(texts, 'pt-PT', locales)).toBe('Olá!');
    expect(localize(texts, 'pt-BR', locales)).toBe('Olá');
    expect(localize({ en: 'Hello', 'pt-PT': 'Olá!' }, 'pt-BR', locales)).toBe('Olá!');
    expect(localize(texts, 'fr', locales)).toBe('Hello');
    expect(localize(texts, 'PL', locales)).toBe('Cześć');
    expect(localize({ de: 'Hallo' }, 'fr', locales)).toBe('Hallo');
  });

  it('passes plain strings and missing texts through', () => {
    expect(localize('Hello', 'pl', locales)).toBe('Hello');
    expect(localize(undefined, 'pl', locales)).toBeUndefined();
  });

  it('picks a supported locale and knows which are right to left', () => {
    expect(pickLocale('pt-BR', ['en', 'pt'])).toBe('pt');
    expect(pickLocale('de', ['en', 'pt'])).toBeUndefined();
    expect([isRtl('ar'), isRtl('he-IL'), isRtl('en')]).toEqual([true, true, false]);
  });
});
