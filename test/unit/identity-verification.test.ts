import { describe, expect, it } from 'vitest';
import { userHash } from '../../server/src/identity';
import { testApp, WRITE_KEY } from '../helpers/app';

const SECRET = 'a-long-identity-secret';
const config = {
  milestones: ['a', 'b', 'c'].map((id) => ({ id, event: `${id}_done` })),
  checklists: [
    {
      id: 'start',
      title: 'Get started',
      items: ['a', 'b', 'c'].map((id) => ({ id, milestone: id, title: `Do ${id}` })),
    },
  ],
};

const track = (userId: string, extra: Record<string, unknown> = {}) => ({
  type: 'track',
  messageId: `m-${Math.random()}`,
  userId,
  event: 'a_done',
  ...extra,
});

describe('with AHAKIT_IDENTITY_SECRET, only verified users are trusted', () => {
  it('answers the state endpoint for the user whose hash it is, and refuses anyone else', async () => {
    const { app, post, projector } = testApp(config, undefined, { identitySecret: SECRET });
    const ada = userHash(SECRET, 'ada');
    await post('/v1/batch', {
      writeKey: WRITE_KEY,
      batch: [
        track('ada', { context: { userHash: ada, groupId: 'acme' } }),
        { type: 'group', userId: 'ada', groupId: 'acme', context: { userHash: ada } },
      ],
    });
    await projector.settled();
    const state = (query: string) => app.request(`/v1/users/ada/state?key=${WRITE_KEY}${query}`);

    const verified = await state(`&userHash=${ada}`);
    expect(verified.status).toBe(200);
    const body = await verified.json();
    expect(body.user.reached).toHaveProperty('a');
    expect(body.accountId).toBe('acme');

    for (const query of ['', `&userHash=${userHash(SECRET, 'grace')}`, '&userHash=zz']) {
      const refused = await state(query);
      expect(refused.status).toBe(403);
      expect((await refused.json()).error.code).toBe('unverified_user');
    }
  });

  it('keeps a message that claims a user without proof as its anonymous id, and refuses one with no anonymous id', async () => {
    const { post, store, projector } = testApp(config, undefined, { identitySecret: SECRET });
    const forged = await post('/v1/batch', {
      writeKey: WRITE_KEY,
      batch: [
        track('ada', { anonymousId: 'anon-mallory', context: { userHash: 'f'.repeat(64) } }),
        { type: 'identify', userId: 'ada', anonymousId: 'anon-mallory', traits: { plan: 'x' } },
      ],
    });
    expect(forged.status).toBe(200);
    const orphan = await post('/v1/track', { writeKey: WRITE_KEY, ...track('ada') });
    expect(orphan.status).toBe(400);
    expect((await orphan.json()).error.details[0].field).toBe('context.userHash');

    await projector.settled();
    expect(await store.getUser('ada')).toBeNull();
    expect(await projector.read('user', 'ada')).toBeNull();
    expect(await store.countEvents()).toBe(2);
  });
});

describe('without the secret, the write key reads no account and no traits', () => {
  it('answers with the user’s own progress, and an account only when named and the user belongs to it', async () => {
    const { app, post, projector } = testApp(config);
    await post('/v1/batch', {
      writeKey: WRITE_KEY,
      batch: [
        { type: 'identify', userId: 'ada', traits: { plan: 'enterprise' } },
        { type: 'group', userId: 'ada', groupId: 'acme', traits: { tier: 'gold' } },
        track('ada', { context: { groupId: 'acme' } }),
        { type: 'group', userId: 'eve', groupId: 'evil' },
      ],
    });
    await projector.settled();
    const state = async (query: string) =>
      (await app.request(`/v1/users/ada/state?key=${WRITE_KEY}${query}`)).json();

    const plain = await state('');
    expect(Object.keys(plain).sort()).toEqual(['dismissed', 'locale', 'user', 'userId']);
    expect(plain.user.reached).toHaveProperty('a');
    expect(JSON.stringify(plain)).not.toMatch(/acme|enterprise|gold/);

    const named = await state('&account=acme');
    expect(named.accountId).toBe('acme');
    expect(named.account).toHaveProperty('reached');
    expect(await state('&account=evil')).not.toHaveProperty('accountId');
  });
});
