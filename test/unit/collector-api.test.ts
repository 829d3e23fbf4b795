import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ADMIN_KEY, basicAuth, testApp, trackMessage, WRITE_KEY } from '../helpers/app';

describe('GET /v1/config', () => {
  it('serves the validated config with defaults filled in and without server-only settings', async () => {
    const { app } = testApp({ collector: { allowedOrigins: ['https://app.example.com'] } });
    const res = await app.request(`/v1/config?key=${WRITE_KEY}`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({
      product: { name: 'Test' },
      widget: { batchSize: 20, flushIntervalMs: 1000, maxQueueSize: 1000 },
      locales: { default: 'en', supported: ['en'] },
      milestones: [],
      checklists: [],
    });
    expect(body).not.toHaveProperty('collector');
    expect(res.headers.get('etag')).toMatch(/^"[\w-]+"$/);
  });

  it('sends the widget its own words in the user’s locale only, English being built in', async () => {
    const { app } = testApp({ locales: { default: 'en', supported: ['en', 'pl', 'pt-BR', 'xx'] } });
    const get = async (locale: string) =>
      (await app.request(`/v1/config?key=${WRITE_KEY}&locale=${locale}`)).json();
    const pl = await get('pl-PL');
    expect(pl.locale).toBe('pl');
    expect(Object.keys(pl.strings)).toEqual(['pl']);
    expect(pl.strings.pl).toMatchObject({ close: 'Zamknij', count: '%n z %t' });
    expect((await get('pt-BR')).strings['pt-BR']).toMatchObject({ close: 'Fechar' });
    // English, and a language the config does not speak, need no words from the collector.
    expect((await get('en-GB')).strings).toEqual({});
    const unknown = await get('de');
    expect(unknown.locale).toBe('en');
    expect(unknown.strings).toEqual({});
  });

  it('sends each text in the user’s locale and the default one, the fallback, and nothing else', async () => {
    const { app } = testApp({
      locales: { default: 'en', supported: ['en', 'pl', 'ar'] },
      milestones: ['a', 'b', 'c'].map((id) => ({ id, event: `${id}_done` })),
      checklists: [
        {
          id: 'start',
          title: { en: 'Get started', pl: 'Zacznij', ar: 'ابدأ' },
          items: ['a', 'b', 'c'].map((id) => ({
            id,
            milestone: id,
            title: { en: 'Send', pl: 'Wyślij', ar: 'أرسل' },
          })),
        },
      ],
    });
    const response = await app.request(`/v1/config?key=${WRITE_KEY}&locale=pl`, {
      headers: { 'Accept-Encoding': 'gzip' },
    });
    // Over 1 KB of JSON: compressed.
    expect(response.headers.get('Content-Encoding')).toBe('gzip');
    const body = JSON.parse(gunzipSync(Buffer.from(await response.arrayBuffer())).toString('utf8'));
    expect(body.checklists[0].title).toEqual({ en: 'Get started', pl: 'Zacznij' });
    expect(body.checklists[0].items[0].title).toEqual({ en: 'Send', pl: 'Wyślij' });
    expect(body.locales.supported).toEqual(['en', 'pl', 'ar']);
    // Each locale's answer has its own ETag.
    const ar = await app.request(`/v1/config?key=${WRITE_KEY}&locale=ar`);
    expect(ar.headers.get('ETag')).not.toBe(response.headers.get('ETag'));
  });

  it('never sends webhooks (secrets), PQL definitions (sales logic) or the conversion goal to the browser', async () => {
    const { app } = testApp({
      conversion: { event: 'plan_upgraded', where: [{ property: 'plan', value: 'pro' }] },
      pql: [{ id: 'upsell', fit: [{ trait: 'plan', value: 'free', points: 10 }], threshold: 10 }],
      webhooks: [
        {
          id: 'crm',
          url: 'https://crm.example/hook',
          secret: 'whsec_0123456789abcdef',
          events: ['pql.qualified'],
        },
      ],
    });
    const body = await (await app.request(`/v1/config?key=${WRITE_KEY}`)).json();
    expect(body).not.toHaveProperty('pql');
    expect(body).not.toHaveProperty('webhooks');
    expect(body).not.toHaveProperty('conversion');
    expect(JSON.stringify(body)).not.toContain('whsec_');
    expect(JSON.stringify(body)).not.toContain('plan_upgraded');
  });

  it('answers 304 to a matching If-None-Match', async () => {
    const { app } = testApp();
    const first = await app.request(`/v1/config?key=${WRITE_KEY}`);
    const etag = first.headers.get('etag')!;
    const again = await app.request(`/v1/config?key=${WRITE_KEY}`, {
      headers: { 'If-None-Match': etag },
    });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
  });

  it('needs the write key', async () => {
    const { app } = testApp();
    const res = await app.request('/v1/config');
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('missing_write_key');
  });
});

describe('CORS', () => {
  it('lets a configured origin call the API after a preflight', async () => {
    const { app } = testApp({ collector: { allowedOrigins: ['https://app.example.com'] } });
    const res = await app.request('/v1/batch', {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://app.example.com',
        'Access-Control-Request-Method': 'POST',
        // What RudderStack's JS SDK asks for: it sends the anonymous id as a header.
        'Access-Control-Request-Headers': 'anonymousid,authorization,content-type',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(res.headers.get('access-control-allow-headers')).toBe(
      'anonymousid,authorization,content-type',
    );
  });

  it('refuses an origin that is not allowed with a 403 the page can read, and logs the origin once', async () => {
    const logged: string[] = [];
    const { post, store, app } = testApp(
      { collector: { allowedOrigins: ['https://app.example.com'] } },
      undefined,
      { log: (line) => logged.push(line) },
    );
    const send = () =>
      post(
        '/v1/batch',
        { writeKey: WRITE_KEY, batch: [trackMessage()] },
        { Origin: 'https://evil.example' },
      );
    const res = await send();
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://evil.example');
    const { error } = await res.json();
    expect(error.code).toBe('origin_not_allowed');
    expect(error.message).toContain('AHAKIT_ALLOWED_ORIGINS=https://evil.example');
    await send();
    const config = await app.request(`/v1/config?key=${WRITE_KEY}`, {
      headers: { Origin: 'https://evil.example' },
    });
    expect(config.status).toBe(403);
    expect(await store.countEvents()).toBe(0);
    expect(logged).toEqual([
      '[ahakit] refused browser requests from https://evil.example: allow it with AHAKIT_ALLOWED_ORIGINS=https://evil.example or collector.allowedOrigins in the config',
    ]);
  });

  it('accepts subdomains of a wildcard entry and the origins of AHAKIT_ALLOWED_ORIGINS', async () => {
    const { post } = testApp(
      { collector: { allowedOrigins: ['https://*.example.com'] } },
      undefined,
      { allowedOrigins: ['http://localhost:3000'], log: () => {} },
    );
    const from = async (origin: string) =>
      (
        await post(
          '/v1/batch',
          { writeKey: WRITE_KEY, batch: [trackMessage()] },
          { Origin: origin },
        )
      ).status;
    expect(await from('https://app.example.com')).toBe(200);
    expect(await from('https://eu.app.example.com')).toBe(200);
    expect(await from('http://localhost:3000')).toBe(200);
    expect(await from('https://example.com')).toBe(403);
    expect(await from('https://app.example.com.evil.example')).toBe(403);
    expect(await from('http://app.example.com')).toBe(403);
    expect(await from('http://localhost:3001')).toBe(403);
  });

  it('always accepts its own origin, where the demo runs', async () => {
    const { app } = testApp();
    const res = await app.request('http://localhost:8787/v1/batch', {
      method: 'POST',
      headers: { Origin: 'http://localhost:8787', Host: 'localhost:8787' },
      body: JSON.stringify({ writeKey: WRITE_KEY, batch: [trackMessage()] }),
    });
    expect(res.status).toBe(200);
  });
});

describe('admin API', () => {
  it('refuses a missing or wrong admin key, and the write key', async () => {
    const { admin, app, post } = testApp();
    await post('/v1/track', trackMessage({ userId: 'u1' }), {
      Authorization: basicAuth(WRITE_KEY),
    });
    expect((await app.request('/v1/admin/users/u1')).status).toBe(401);
    const wrong = await admin('/v1/admin/users/u1', 'sk_wrong_wrong_wrong');
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).error.code).toBe('invalid_admin_key');
    expect((await admin('/v1/admin/users/u1', WRITE_KEY)).status).toBe(401);
    expect((await admin('/v1/admin/users/u1', ADMIN_KEY)).status).toBe(200);
  });

  it('answers 404 in the JSON error shape for an unknown user', async () => {
    const { admin } = testApp();
    const res = await admin('/v1/admin/users/nobody');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: { code: 'not_found', message: 'No user "nobody" has been seen.' },
    });
  });
});

describe('routes', () => {
  it('answers unknown API routes with 404 in the JSON error shape', async () => {
    const { app } = testApp();
    const res = await app.request('/v1/nope', { method: 'POST' });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: { code: 'not_found', message: 'No route for POST /v1/nope.' },
    });
  });

  it('reports health', async () => {
    const { app } = testApp();
    expect(await (await app.request('/healthz')).json()).toEqual({ ok: true });
  });
});
