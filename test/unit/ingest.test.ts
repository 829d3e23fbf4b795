import { describe, expect, it } from 'vitest';
import { basicAuth, testApp, trackMessage, WRITE_KEY } from '../helpers/app';

describe('POST /v1/batch', () => {
  it('stores every valid message and answers with the count', async () => {
    const { post, store } = testApp();
    const res = await post('/v1/batch', {
      writeKey: WRITE_KEY,
      batch: [trackMessage(), trackMessage()],
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, accepted: 2, duplicates: 0 });
    expect(await store.countEvents()).toBe(2);
  });

  it('accepts the write key as the HTTP Basic user name, as Segment libraries send it', async () => {
    const { post } = testApp();
    const res = await post(
      '/v1/batch',
      { batch: [trackMessage()] },
      { Authorization: basicAuth(WRITE_KEY) },
    );
    expect(res.status).toBe(200);
  });

  it('parses a text/plain body, as sendBeacon and CORS-simple requests send it', async () => {
    const { app, store } = testApp();
    const res = await app.request('/v1/batch', {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
      body: JSON.stringify({ writeKey: WRITE_KEY, batch: [trackMessage()] }),
    });
    expect(res.status).toBe(200);
    expect(await store.countEvents()).toBe(1);
  });

  it('stores a message sent twice (a client retry) once', async () => {
    const { post, store } = testApp();
    const batch = [trackMessage(), trackMessage()];
    await post('/v1/batch', { writeKey: WRITE_KEY, batch });
    const again = await post('/v1/batch', {
      writeKey: WRITE_KEY,
      batch: [...batch, trackMessage()],
    });
    expect(await again.json()).toEqual({ ok: true, accepted: 1, duplicates: 2 });
    expect(await store.countEvents()).toBe(3);
  });

  it('answers 200 for a batch kept in part, naming the index, field and reason of each bad message', async () => {
    const { post, store } = testApp();
    const res = await post('/v1/batch', {
      writeKey: WRITE_KEY,
      batch: [
        trackMessage(),
        trackMessage({ event: undefined }),
        trackMessage({ properties: 'not an object' }),
        trackMessage({ anonymousId: undefined }),
        trackMessage({ type: 'bogus' }),
        trackMessage(),
      ],
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.ok).toBe(true);
    expect(body.message).toMatch(/^4 of 6 messages were rejected/);
    expect(body.message).toMatch(/The other 2 were stored\.$/);
    expect(body.accepted).toBe(2);
    expect(body.rejected).toEqual([
      { index: 1, field: 'batch[1].event', reason: 'is required (expected string)' },
      { index: 2, field: 'batch[2].properties', reason: 'expected an object' },
      { index: 3, field: 'batch[3].userId', reason: 'userId or anonymousId is required' },
      {
        index: 4,
        field: 'batch[4].type',
        reason: 'must be one of track, identify, page, screen, group, alias',
      },
    ]);
    expect(await store.countEvents()).toBe(2);
  });

  it('rejects a message over 32 KB by its index and keeps the others', async () => {
    const { post, store } = testApp();
    const big = trackMessage({ properties: { text: 'x'.repeat(33 * 1024) } });
    const res = await post('/v1/batch', { writeKey: WRITE_KEY, batch: [trackMessage(), big] });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.rejected).toEqual([
      { index: 1, field: 'batch[1]', reason: 'message is 34 KB; the limit is 32 KB' },
    ]);
    expect(await store.countEvents()).toBe(1);
  });

  it('refuses a batch over 500 KB with 413 and stores nothing of it', async () => {
    const { post, store } = testApp();
    const batch = Array.from({ length: 20 }, () =>
      trackMessage({ properties: { text: 'x'.repeat(30 * 1024) } }),
    );
    const res = await post('/v1/batch', { writeKey: WRITE_KEY, batch });
    expect(res.status).toBe(413);
    const body = await res.json();
    expect(body.error).toEqual({
      code: 'payload_too_large',
      message: 'The request body is larger than 500 KB, the limit of this endpoint.',
    });
    expect(await store.countEvents()).toBe(0);
  });

  it('answers 401 without a write key and with a wrong one', async () => {
    const { post, store } = testApp();
    const missing = await post('/v1/batch', { batch: [trackMessage()] });
    expect(missing.status).toBe(401);
    expect((await missing.json()).error.code).toBe('missing_write_key');
    const wrong = await post('/v1/batch', { writeKey: 'pk_wrong', batch: [trackMessage()] });
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).error).toEqual({
      code: 'invalid_write_key',
      message: 'The write key is not valid for this collector.',
    });
    expect(await store.countEvents()).toBe(0);
  });

  it('answers 400 to a body that is not JSON or has no batch', async () => {
    const { post } = testApp();
    const notJson = await post('/v1/batch', '{"batch": [', { Authorization: basicAuth(WRITE_KEY) });
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).error.code).toBe('invalid_json');
    const noBatch = await post('/v1/batch', { writeKey: WRITE_KEY });
    expect(noBatch.status).toBe(400);
    expect((await noBatch.json()).error).toMatchObject({
      code: 'invalid_request',
      message: expect.stringMatching(/^batch:/),
    });
    const empty = await post('/v1/batch', { writeKey: WRITE_KEY, batch: [] });
    expect((await empty.json()).error.message).toBe('batch: batch must hold at least one message');
  });

  it('corrects a client clock that runs an hour fast using sentAt', async () => {
    const now = Date.parse('2026-11-22T12:00:00.000Z');
    const { post, admin } = testApp({}, () => now);
    const fast = 3600_000;
    await post('/v1/batch', {
      writeKey: WRITE_KEY,
      sentAt: new Date(now + fast).toISOString(),
      batch: [trackMessage({ userId: 'u1', timestamp: new Date(now + fast - 5000).toISOString() })],
    });
    const user = await (await admin('/v1/admin/users/u1')).json();
    expect(user.timeline[0].timestamp).toBe('2026-11-22T11:59:55.000Z');
  });
});

describe('single-message endpoints', () => {
  it('stores a Segment-shaped track call sent to /v1/track without a type', async () => {
    const { post, admin } = testApp();
    const { type: _type, ...message } = trackMessage({ userId: 'u-7', event: 'Order Completed' });
    const res = await post('/v1/track', message, { Authorization: basicAuth(WRITE_KEY) });
    expect(res.status).toBe(200);
    const user = await (await admin('/v1/admin/users/u-7')).json();
    expect(user.timeline.map((e: { event: string }) => e.event)).toEqual(['Order Completed']);
  });

  it('refuses a message of another type than its endpoint', async () => {
    const { post } = testApp();
    const res = await post('/v1/identify', trackMessage(), { Authorization: basicAuth(WRITE_KEY) });
    expect(res.status).toBe(400);
    expect((await res.json()).error.details).toEqual([
      { index: 0, field: 'type', reason: 'must be "identify" on this endpoint' },
    ]);
  });

  it('refuses a single message over 32 KB with 413', async () => {
    const { post } = testApp();
    const res = await post('/v1/track', trackMessage({ properties: { t: 'x'.repeat(40_000) } }), {
      Authorization: basicAuth(WRITE_KEY),
    });
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('payload_too_large');
  });

  it('links the anonymous history to the user on identify and merges traits', async () => {
    const { post, admin } = testApp();
    const auth = { Authorization: basicAuth(WRITE_KEY) };
    await post('/v1/track', trackMessage({ anonymousId: 'a-9', event: 'signup_started' }), auth);
    await post(
      '/v1/identify',
      { messageId: 'i1', userId: 'u-9', anonymousId: 'a-9', traits: { plan: 'free', role: 'PM' } },
      auth,
    );
    await post('/v1/identify', { messageId: 'i2', userId: 'u-9', traits: { plan: 'pro' } }, auth);
    await post(
      '/v1/group',
      { messageId: 'g1', userId: 'u-9', groupId: 'w-1', traits: { name: 'Acme' } },
      auth,
    );
    const user = await (await admin('/v1/admin/users/u-9')).json();
    expect(user.traits).toEqual({ plan: 'pro', role: 'PM' });
    expect(user.anonymousIds).toEqual(['a-9']);
    expect(user.accountIds).toEqual(['w-1']);
    expect(user.timeline.map((e: { type: string }) => e.type).sort()).toEqual([
      'group',
      'identify',
      'identify',
      'track',
    ]);
    const account = await (await admin('/v1/admin/accounts/w-1')).json();
    expect(account).toMatchObject({ traits: { name: 'Acme' }, userIds: ['u-9'] });
  });
});
