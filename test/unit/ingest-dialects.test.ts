import { describe, expect, it } from 'vitest';
import { basicAuth, testApp, trackMessage, WRITE_KEY } from '../helpers/app';

const auth = { Authorization: basicAuth(WRITE_KEY) };

describe('Segment short routes (analytics-next)', () => {
  it.each([
    ['/v1/t', { type: 'track', event: 'todo_added' }],
    ['/v1/i', { type: 'identify', userId: 'u-1', traits: { plan: 'free' } }],
    ['/v1/p', { type: 'page', name: 'Home' }],
    ['/v1/s', { type: 'screen', name: 'Home' }],
    ['/v1/g', { type: 'group', groupId: 'acme' }],
    ['/v1/a', { type: 'alias', previousId: 'anon-1', userId: 'u-1' }],
  ])('stores the message analytics-next posts to %s', async (path, message) => {
    const { post, store } = testApp();
    const res = await post(path, { ...trackMessage(), event: undefined, ...message }, auth);
    expect(await res.json()).toEqual({ ok: true, accepted: 1, duplicates: 0 });
    expect(await store.countEvents()).toBe(1);
  });

  it('stores a batch posted to /v1/b, as the batching delivery strategy sends it', async () => {
    const { post, store } = testApp();
    const res = await post('/v1/b', { batch: [trackMessage(), trackMessage()] }, auth);
    expect(await res.json()).toEqual({ ok: true, accepted: 2, duplicates: 0 });
    expect(await store.countEvents()).toBe(2);
  });

  it('refuses a message of another type on a short route, naming the field', async () => {
    const { post } = testApp();
    const res = await post('/v1/i', trackMessage(), auth);
    expect(res.status).toBe(400);
    expect((await res.json()).error.details).toEqual([
      { index: 0, field: 'type', reason: 'must be "identify" on this endpoint' },
    ]);
  });

  it('serves the settings analytics-next loads from its cdnURL, pointing it back here', async () => {
    const { app } = testApp();
    const res = await app.request(`http://collector.test:8787/v1/projects/${WRITE_KEY}/settings`);
    expect(await res.json()).toMatchObject({
      integrations: {
        'Segment.io': { apiKey: WRITE_KEY, apiHost: 'collector.test:8787/v1', protocol: 'http' },
      },
    });
    const behindTls = await app.request(`http://collector.test/v1/projects/${WRITE_KEY}/settings`, {
      headers: { 'X-Forwarded-Proto': 'https' },
    });
    expect((await behindTls.json()).integrations['Segment.io'].protocol).toBe('https');
    expect((await app.request('/v1/projects/pk_someone_else/settings')).status).toBe(401);
  });

  it("accepts and discards analytics-next's own usage counters at /v1/m", async () => {
    const { post, store } = testApp();
    const res = await post('/v1/m', { series: [{ type: 'Counter', metric: 'x', value: 1 }] });
    expect(res.status).toBe(204);
    expect(await store.countEvents()).toBe(0);
  });
});

describe('RudderStack JS SDK', () => {
  it('takes the write key from the query of a beacon batch and stores it', async () => {
    const { app, store } = testApp();
    const res = await app.request(`/beacon/v1/batch?writeKey=${WRITE_KEY}`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
      body: JSON.stringify({
        batch: [trackMessage(), trackMessage()],
        sentAt: new Date().toISOString(),
      }),
    });
    expect(await res.json()).toEqual({ ok: true, accepted: 2, duplicates: 0 });
    expect(await store.countEvents()).toBe(2);
  });

  it('merges the traits of context.traits on identify, the message’s own traits winning', async () => {
    const { post, admin } = testApp();
    await post(
      '/v1/identify',
      {
        messageId: 'rs-1',
        userId: 'u-7',
        anonymousId: 'a-7',
        traits: { plan: 'pro' },
        context: { traits: { firstName: 'Ada', plan: 'free' } },
      },
      auth,
    );
    const user = await (await admin('/v1/admin/users/u-7')).json();
    expect(user.traits).toEqual({ firstName: 'Ada', plan: 'pro' });
  });

  it('still refuses identify traits that are not an object, whatever context.traits holds', async () => {
    const { post } = testApp();
    const res = await post(
      '/v1/identify',
      { userId: 'u-7', traits: 'Ada', context: { traits: { firstName: 'Ada' } } },
      auth,
    );
    expect(res.status).toBe(400);
    expect((await res.json()).error.details).toEqual([
      { index: 0, field: 'traits', reason: 'expected an object' },
    ]);
  });

  it('reads an empty userId as none, as RudderStack sends it before identify', async () => {
    const { post, store } = testApp();
    const res = await post('/v1/track', trackMessage({ userId: '', anonymousId: 'a-8' }), auth);
    expect(res.status).toBe(200);
    expect(await store.countEvents()).toBe(1);
  });

  it('serves a source config without destinations to its configUrl', async () => {
    const { app } = testApp();
    const res = await app.request(`/sourceConfig/?p=npm&v=3&writeKey=${WRITE_KEY}`);
    expect(await res.json()).toMatchObject({ source: { enabled: true, destinations: [] } });
    expect((await app.request('/sourceConfig/?writeKey=nope_nope')).status).toBe(401);
  });
});

describe('partial batches', () => {
  it('stays a 400 when nothing of the batch was valid', async () => {
    const { post, store } = testApp();
    const res = await post('/v1/batch', {
      writeKey: WRITE_KEY,
      batch: [trackMessage({ event: undefined }), trackMessage({ event: '' })],
    });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe('invalid_messages');
    expect(body.error.message).toMatch(/^2 of 2 messages were rejected/);
    expect(await store.countEvents()).toBe(0);
  });

  it('answers 200 when the only valid messages of a batch were already stored', async () => {
    const { post } = testApp();
    const stored = trackMessage();
    await post('/v1/batch', { writeKey: WRITE_KEY, batch: [stored] });
    const res = await post('/v1/batch', {
      writeKey: WRITE_KEY,
      batch: [stored, trackMessage({ event: undefined })],
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      accepted: 0,
      duplicates: 1,
      rejected: [{ index: 1 }],
    });
  });
});
