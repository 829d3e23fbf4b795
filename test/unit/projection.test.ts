import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../core/config/schema';
import { userHash } from '../../server/src/identity';
import { normalizeMessage } from '../../server/src/ingest/normalize';
import { createProjector } from '../../server/src/projection/projector';
import { openSqliteStore } from '../../server/src/store/sqlite';
import { basicAuth, testApp, WRITE_KEY } from '../helpers/app';

const T0 = Date.parse('2026-11-01T09:00:00.000Z');
const MIN = 60_000;

const config = {
  locales: { default: 'en', supported: ['en', 'pl'] },
  milestones: [
    { id: 'workspace_created', event: 'workspace_created', scope: 'account' as const },
    { id: 'channels_created', event: 'channel_created', count: 3, scope: 'account' as const },
    { id: 'teammate_invited', event: 'teammate_invited', scope: 'account' as const },
    { id: 'messages_sent', event: 'message_sent', count: 2 },
    {
      id: 'aha',
      all: ['workspace_created', 'channels_created', 'teammate_invited', 'messages_sent'],
    },
  ],
  activation: { milestones: ['aha'] },
  checklists: [
    {
      id: 'start',
      title: { en: 'Get started', pl: 'Zacznij' },
      items: [
        {
          id: 'channels',
          milestone: 'channels_created',
          title: { en: 'Create 3 channels', pl: 'Utwórz 3 kanały' },
        },
        {
          id: 'invite',
          milestone: 'teammate_invited',
          title: { en: 'Invite a teammate', pl: 'Zaproś' },
        },
        {
          id: 'messages',
          milestone: 'messages_sent',
          title: { en: 'Send 2 messages', pl: 'Wyślij 2' },
        },
      ],
    },
  ],
};

let n = 0;
const msg = (fields: Record<string, unknown>) => ({
  messageId: `m-${++n}`,
  type: 'track',
  ...fields,
  timestamp: new Date((fields.at as number | undefined) ?? T0).toISOString(),
});

// The full state (account, checklists) is for verified users: the journey signs its users.
const SECRET = 'identity-secret-for-tests';
const signed = (m: Record<string, unknown>) =>
  typeof m.userId === 'string'
    ? {
        ...m,
        context: { ...(m.context as object | undefined), userHash: userHash(SECRET, m.userId) },
      }
    : m;

async function journey() {
  const t = testApp(config, undefined, { identitySecret: SECRET });
  const send = (batch: Record<string, unknown>[]) =>
    t.post('/v1/batch', { writeKey: WRITE_KEY, batch: batch.map(signed) });
  const state = async (userId: string, locale?: string) => {
    await t.projector.settled();
    const res = await t.app.request(
      `/v1/users/${userId}/state?key=${WRITE_KEY}&userHash=${userHash(SECRET, userId)}${locale ? `&locale=${locale}` : ''}`,
    );
    return res.json();
  };
  return { ...t, send, state };
}

describe('the collector’s projection of events into progress', () => {
  it('completes an account milestone for every member when one teammate reaches it', async () => {
    const { send, state } = await journey();
    await send([
      msg({ type: 'group', userId: 'ana', groupId: 'acme', at: T0 }),
      msg({ type: 'group', userId: 'ben', groupId: 'acme', at: T0 }),
      msg({ event: 'teammate_invited', userId: 'ana', context: { groupId: 'acme' }, at: T0 + MIN }),
    ]);
    const ben = await state('ben');
    expect(ben.accountId).toBe('acme');
    expect(ben.account.reached).toEqual({ teammate_invited: T0 + MIN });
    const item = ben.checklists[0].items.find((i: { id: string }) => i.id === 'invite');
    expect(item).toMatchObject({ done: true, doneAt: T0 + MIN });
  });

  it('gives a user the history they made before identify', async () => {
    const { send, state } = await journey();
    await send([
      msg({ event: 'message_sent', anonymousId: 'anon-1', at: T0 }),
      msg({ event: 'message_sent', anonymousId: 'anon-1', at: T0 + MIN }),
    ]);
    await send([
      msg({ type: 'identify', userId: 'cleo', anonymousId: 'anon-1', at: T0 + 2 * MIN }),
    ]);
    // After the link, anonymous events of that id are the user's too.
    await send([msg({ event: 'message_sent', anonymousId: 'anon-1', at: T0 + 3 * MIN })]);
    const cleo = await state('cleo');
    expect(cleo.user.reached).toEqual({ messages_sent: T0 + MIN });
    expect(cleo.user.firstSeen).toBe(T0);
  });

  it('activates the user at the aha moment and measures time to value', async () => {
    const { send, admin, projector } = await journey();
    const ctx = { context: { groupId: 'w1' } };
    await send([
      msg({ type: 'group', userId: 'dee', groupId: 'w1', at: T0 }),
      msg({ event: 'workspace_created', userId: 'dee', ...ctx, at: T0 }),
      ...[1, 2, 3].map((i) =>
        msg({ event: 'channel_created', userId: 'dee', ...ctx, at: T0 + i * MIN }),
      ),
      msg({ event: 'teammate_invited', userId: 'dee', ...ctx, at: T0 + 5 * MIN }),
      msg({ event: 'message_sent', userId: 'dee', ...ctx, at: T0 + 6 * MIN }),
      msg({ event: 'message_sent', userId: 'dee', ...ctx, at: T0 + 9 * MIN }),
    ]);
    await projector.settled();
    const dee = await (await admin('/v1/admin/users/dee')).json();
    expect(dee.activatedAt).toBe(new Date(T0 + 9 * MIN).toISOString());
    expect(dee.timeToValueMs).toBe(9 * MIN);
    expect(dee.milestones.map((m: { id: string }) => m.id)).toEqual(['messages_sent', 'aha']);
    expect(dee.accountMilestones.map((m: { id: string }) => m.id)).toEqual([
      'workspace_created',
      'channels_created',
      'teammate_invited',
    ]);
    expect(dee.decisions.map((d: { kind: string }) => d.kind)).toContain('activation');
  });

  it('counts a batch sent twice once', async () => {
    const { send, state } = await journey();
    const batch = [msg({ event: 'message_sent', userId: 'eve', at: T0 })];
    await send(batch);
    await send(batch);
    const eve = await state('eve');
    expect(eve.user.reached).toEqual({});
    expect(eve.user.progress.messages_sent).toEqual([T0]);
  });

  it('speaks the user’s language, and remembers a dismissed checklist', async () => {
    const { send, state } = await journey();
    await send([
      msg({ type: 'identify', userId: 'fin', traits: { locale: 'pl-PL' } }),
      msg({
        event: '$checklist_dismissed',
        userId: 'fin',
        properties: { checklistId: 'start' },
        at: T0 + MIN,
      }),
    ]);
    const fin = await state('fin');
    expect(fin.locale).toBe('pl');
    expect(fin.checklists[0].title).toBe('Zacznij');
    expect(fin.dismissed).toEqual({ start: T0 + MIN });
    expect((await state('fin', 'en')).checklists[0].title).toBe('Get started');
  });

  it('needs the write key to read a user’s state', async () => {
    const { app, post } = await journey();
    await post('/v1/track', msg({ event: 'x', userId: 'gil' }), {
      Authorization: basicAuth(WRITE_KEY),
    });
    expect((await app.request('/v1/users/gil/state')).status).toBe(401);
  });
});

describe('projection across restarts', () => {
  it('resumes where it stopped, and decides again when the rules change', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ahakit-proj-'));
    const ingest = async (
      store: ReturnType<typeof openSqliteStore>,
      events: Record<string, unknown>[],
    ) => {
      const rows = events.map((e, index) => {
        const r = normalizeMessage(msg(e), { receivedAt: Date.now(), fieldPrefix: '', index });
        if (!r.ok) throw new Error(JSON.stringify(r.rejections));
        return r.row;
      });
      await store.insertEvents(rows);
    };
    const first = configSchema.parse({ product: { name: 'T' }, ...config });
    let store = openSqliteStore({ dataDir });
    let projector = createProjector(store, first);
    await projector.start();
    await ingest(store, [{ event: 'message_sent', userId: 'hal', at: T0 }]);
    await projector.settled();
    await projector.stop();
    await store.close();

    store = openSqliteStore({ dataDir });
    projector = createProjector(store, first);
    await projector.start();
    await ingest(store, [{ event: 'message_sent', userId: 'hal', at: T0 + MIN }]);
    await projector.settled();
    expect((await store.loadSubject('user', 'hal'))?.state.reached).toEqual({
      messages_sent: T0 + MIN,
    });
    await projector.stop();
    await store.close();

    // A stricter rule: three messages. The two stored events are judged again.
    const stricter = configSchema.parse({
      product: { name: 'T' },
      milestones: [{ id: 'messages_sent', event: 'message_sent', count: 3 }],
    });
    store = openSqliteStore({ dataDir });
    projector = createProjector(store, stricter);
    await projector.start();
    await projector.settled();
    const hal = await store.loadSubject('user', 'hal');
    expect(hal?.state.reached).toEqual({});
    expect(hal?.state.progress.messages_sent).toEqual([T0, T0 + MIN]);
    await projector.stop();
    await store.close();
  });
});
