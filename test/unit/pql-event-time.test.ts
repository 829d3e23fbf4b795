import { afterEach, describe, expect, it, vi } from 'vitest';
import { type AhakitConfigInput, configSchema } from '../../core/config/schema';
import { createApp } from '../../server/src/app';
import { createProjector } from '../../server/src/projection/projector';
import { openSqliteStore } from '../../server/src/store/sqlite';
import type { Store } from '../../server/src/store/store';
import { ADMIN_KEY, WRITE_KEY } from '../helpers/app';

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-20T12:00:00.000Z');
/** Three weeks before "now": a backfill from another tool, or a replay of the store. */
const THEN = NOW - 21 * DAY;

const rules = (threshold: number): AhakitConfigInput => ({
  product: { name: 'Test' },
  milestones: [{ id: 'messages', event: 'message_sent', count: 2 }],
  activation: { milestones: ['messages'] },
  signals: [{ id: 'pricing', type: 'page', path: '/pricing', title: 'Opened pricing' }],
  pql: [
    {
      id: 'upsell',
      value: [{ activated: true, points: 40, label: 'Activated' }],
      intent: [{ signal: 'pricing', withinDays: 30, points: 40, label: 'Opened pricing' }],
      required: [{ activated: true }],
      threshold,
    },
  ],
});

let n = 0;
const at = (t: number, fields: Record<string, unknown>) => ({
  messageId: `et-${++n}`,
  type: 'track',
  userId: 'ada',
  timestamp: new Date(t).toISOString(),
  ...fields,
});

/** A collector on `store` with `config`, projecting what the store holds. */
async function collector(store: Store, config: AhakitConfigInput) {
  const parsed = configSchema.parse(config);
  const projector = createProjector(store, parsed);
  await projector.start();
  const app = createApp({
    config: parsed,
    store,
    projection: projector,
    writeKey: WRITE_KEY,
    adminKey: ADMIN_KEY,
    widgetDir: 'dist/widget',
    demoDir: 'demo',
  });
  const admin = async (path: string) =>
    (await app.request(path, { headers: { Authorization: `Bearer ${ADMIN_KEY}` } })).json();
  return { app, projector, admin };
}

afterEach(() => vi.useRealTimers());

describe('PQL times are event times', () => {
  it('back-dated events qualify a lead when they happened, and a rules change keeps that time', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: NOW });
    const store = openSqliteStore({ dataDir: '', fileName: ':memory:' });
    const first = await collector(store, rules(70));
    const response = await first.app.request('/v1/batch', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        writeKey: WRITE_KEY,
        batch: [
          at(THEN, { type: 'identify', traits: { email: 'ada@acme.example' } }),
          at(THEN, { event: 'message_sent' }),
          at(THEN + 1_000, { event: 'message_sent' }),
          // Two hours later she opens pricing: this is the event that qualifies her.
          at(THEN + 2 * 3_600_000, { event: '$signal', properties: { signalId: 'pricing' } }),
          // Later events change nothing about when she qualified.
          at(THEN + DAY, { event: 'message_sent' }),
        ],
      }),
    });
    expect(response.status).toBe(200);
    await first.projector.settled();
    const qualifiedAt = new Date(THEN + 2 * 3_600_000).toISOString();
    const before = await first.admin('/v1/admin/pqls?definition=upsell');
    expect(
      before.pqls.map((p: { id: string; firstQualifiedAt: string }) => [p.id, p.firstQualifiedAt]),
    ).toEqual([['ada', qualifiedAt]]);
    const user = await first.admin('/v1/admin/users/ada');
    expect(user.decisions).toContainEqual({
      kind: 'pql.qualified',
      ref: 'upsell',
      at: qualifiedAt,
    });
    expect(user.firstSeen).toBe(new Date(THEN).toISOString());
    expect(user.lastSeen).toBe(new Date(THEN + DAY).toISOString());
    // Read now, the reason's age is three weeks (it is not frozen at scoring time).
    expect(before.pqls[0].reasons.at(-1).detail).toBe('Opened pricing 20 days ago');
    await first.projector.stop();

    // A day later the team raises the threshold: every event is projected again.
    vi.setSystemTime(NOW + DAY);
    const second = await collector(store, rules(75));
    await second.projector.settled();
    const after = await second.admin('/v1/admin/pqls?definition=upsell&all=1');
    expect(
      after.pqls.map((p: { id: string; firstQualifiedAt: string }) => [p.id, p.firstQualifiedAt]),
    ).toEqual([['ada', qualifiedAt]]);
    expect(after.pqls[0].reasons.at(-1).detail).toBe('Opened pricing 21 days ago');
    await second.projector.stop();
    await store.close();
  });

  it('a workspace that qualified on the free plan and upgraded since was a lead then, also after a replay', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: NOW });
    const freeOnly = (threshold: number): AhakitConfigInput => {
      const base = rules(threshold);
      return {
        ...base,
        pql: base.pql!.map((d) => ({
          ...d,
          required: [{ activated: true }, { accountTrait: 'plan', value: 'free' }],
        })),
      };
    };
    const store = openSqliteStore({ dataDir: '', fileName: ':memory:' });
    const first = await collector(store, freeOnly(70));
    const inAcme = (t: number, fields: Record<string, unknown>) =>
      at(t, { context: { groupId: 'acme' }, ...fields });
    await first.app.request('/v1/batch', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        writeKey: WRITE_KEY,
        batch: [
          inAcme(THEN, { type: 'group', groupId: 'acme', traits: { plan: 'free' } }),
          inAcme(THEN, { event: 'message_sent' }),
          inAcme(THEN + 1_000, { event: 'message_sent' }),
          inAcme(THEN + 60_000, { event: '$signal', properties: { signalId: 'pricing' } }),
          // A week later the workspace pays: no longer an upsell lead, but it was one.
          inAcme(THEN + 7 * DAY, { type: 'group', groupId: 'acme', traits: { plan: 'pro' } }),
        ],
      }),
    });
    await first.projector.settled();
    const qualifiedAt = new Date(THEN + 60_000).toISOString();
    const before = await first.admin('/v1/admin/pqls?definition=upsell&all=1');
    expect(
      before.pqls.map((p: { qualifies: boolean; firstQualifiedAt: string }) => [
        p.qualifies,
        p.firstQualifiedAt,
      ]),
    ).toEqual([[false, qualifiedAt]]);
    await first.projector.stop();

    const second = await collector(store, freeOnly(75));
    await second.projector.settled();
    const after = await second.admin('/v1/admin/pqls?definition=upsell&all=1');
    expect(
      after.pqls.map((p: { qualifies: boolean; firstQualifiedAt: string }) => [
        p.qualifies,
        p.firstQualifiedAt,
      ]),
    ).toEqual([[false, qualifiedAt]]);
    const user = await second.admin('/v1/admin/users/ada');
    expect(user.decisions).toContainEqual({
      kind: 'pql.qualified',
      ref: 'upsell',
      at: qualifiedAt,
    });
    await second.projector.stop();
    await store.close();
  });
});
