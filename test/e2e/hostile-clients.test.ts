import { connect, type Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type CollectorProcess,
  E2E_WRITE_KEY,
  startCollectorProcess,
  stopAllCollectors,
} from '../helpers/collector-process';
import { HOSTILE_VALUES, hostileMessage, nestedJson, seeded } from '../helpers/hostile';

afterAll(stopAllCollectors);

const NO_RATE_LIMIT = { AHAKIT_RATE_LIMIT_PER_IP: '0', AHAKIT_RATE_LIMIT_PER_KEY: '0' };

interface Sent {
  what: string;
  status: number;
}

async function send(
  collector: CollectorProcess,
  method: string,
  path: string,
  body?: string,
): Promise<Sent> {
  const what = `${method} ${path} ${body?.slice(0, 120) ?? ''}`;
  try {
    const res = await fetch(`${collector.url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body }),
      signal: AbortSignal.timeout(20_000),
    });
    await res.arrayBuffer();
    return { what, status: res.status };
  } catch (error) {
    return { what: `${what} → ${String(error)}`, status: 0 };
  }
}

const valid = (i: number) =>
  JSON.stringify({
    writeKey: E2E_WRITE_KEY,
    batch: [
      {
        type: 'track',
        messageId: `valid-${i}`,
        userId: `valid-user-${i}`,
        event: 'message_sent',
        timestamp: new Date().toISOString(),
      },
    ],
  });

describe('a collector that one hostile client cannot hurt', () => {
  it('answers thousands of mutated and hostile requests on every public route with 4xx or 2xx, and stores every valid request sent beside them', async () => {
    const collector = await startCollectorProcess({ env: NO_RATE_LIMIT });
    const rng = seeded(11);
    const key = `writeKey":"${E2E_WRITE_KEY}`;
    const requests: (() => Promise<Sent>)[] = [];
    for (let n = 0; n < 1_500; n++) {
      const route = rng.int(8);
      if (route < 4) {
        const size = 1 + rng.int(4);
        const items = Array.from({ length: size }, (_, i) => hostileMessage(rng, n * 10 + i));
        requests.push(() =>
          send(collector, 'POST', '/v1/batch', `{"${key}","batch":[${items.join(',')}]}`),
        );
      } else if (route < 6) {
        const type = rng.pick(['track', 'identify', 'page', 'screen', 'group', 'alias']);
        const message = hostileMessage(rng, n * 10);
        requests.push(() =>
          send(collector, 'POST', `/v1/${type}`, `{"${key}",${message.slice(1)}`),
        );
      } else if (route < 7) {
        // Bodies that are not a message at all.
        const body = rng.pick([
          '',
          '{',
          '[1,2,3]',
          `{"${key}","batch":${rng.pick(HOSTILE_VALUES)}}`,
          `{"${key}","batch":[${nestedJson(3_000, '[', ']')}]}`,
          rng.pick(HOSTILE_VALUES),
          '\u0000\u0001',
        ]);
        requests.push(() => send(collector, 'POST', rng.pick(['/v1/batch', '/v1/track']), body));
      } else {
        const path = rng.pick([
          '/%',
          '/dashboard/%E0%A4%A',
          `/v1/users/%ZZ/state?key=${E2E_WRITE_KEY}`,
          `/v1/users/${encodeURIComponent('\u{1F600}'.repeat(300))}/state?key=${E2E_WRITE_KEY}`,
          `/v1/users/__proto__/state?key=${E2E_WRITE_KEY}&account=__proto__`,
          `/v1/users/u/state?key=${E2E_WRITE_KEY}&userHash=%ff&locale=%E0%A4%A`,
          `/v1/config?key=${E2E_WRITE_KEY}&locale=${'x'.repeat(5_000)}`,
          '/v1/admin/pqls?definition=%',
          `/ahakit.js/${'..%2f'.repeat(10)}etc/passwd`,
        ]);
        requests.push(() => send(collector, 'GET', path));
      }
    }
    // Valid requests go out among the hostile ones, in the same waves.
    const VALID = 150;
    for (let i = 0; i < VALID; i++) {
      requests.splice(i * 10, 0, () => send(collector, 'POST', '/v1/batch', valid(i)));
    }
    const results: Sent[] = [];
    for (let i = 0; i < requests.length; i += 40) {
      results.push(...(await Promise.all(requests.slice(i, i + 40).map((r) => r()))));
    }

    const failures = results.filter((r) => r.status === 0 || r.status >= 500);
    expect(
      failures.slice(0, 5).map((f) => `${f.status} ${f.what}`),
      `${failures.length} failed; the collector said:\n${collector.output().slice(-2000)}`,
    ).toEqual([]);
    const validResults = results.filter((r) => r.what.includes('"messageId":"valid-'));
    expect(validResults).toHaveLength(VALID);
    for (const r of validResults) expect(r.status).toBe(200);
    for (let i = 0; i < VALID; i += 1) {
      const res = await collector.admin(`/v1/admin/users/valid-user-${i}`);
      expect(res.status).toBe(200);
      const user = await res.json();
      expect(user.timeline.map((e: { messageId: string }) => e.messageId)).toContain(`valid-${i}`);
    }
    expect(collector.output()).not.toMatch(/unexpected error/);
    // Still healthy after it all.
    expect((await send(collector, 'GET', '/healthz')).status).toBe(200);
  });

  it('keeps answering /healthz promptly while one client sends oversized identifies, made-up dismissals and deep messages', async () => {
    // With its default limits: past its rate, a client's batches are refused before
    // their messages are even looked at.
    const collector = await startCollectorProcess();
    const worst = { ms: 0 };
    let probing = true;
    const prober = (async () => {
      while (probing) {
        const started = performance.now();
        const res = await fetch(`${collector.url}/healthz`).catch((error) => {
          throw new Error(`/healthz failed: ${String(error)}\n${collector.output().slice(-3000)}`);
        });
        await res.arrayBuffer();
        worst.ms = Math.max(worst.ms, performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();

    const hostile: Promise<Sent>[] = [];
    for (let round = 0; round < 16; round++) {
      // As fast as its rate limit lets one client go (about 1,000 events a second).
      if (round > 0) await new Promise((resolve) => setTimeout(resolve, 600));
      // Identifies that keep adding trait keys to one user (each ~30 KB, twelve a batch).
      const batch = Array.from({ length: 12 }, (_, m) => ({
        type: 'identify',
        messageId: `grow-${round}-${m}`,
        userId: 'hoarder',
        traits: Object.fromEntries(
          Array.from({ length: 190 }, (_, k) => [`t${round}_${m}_${k}`, 'v'.repeat(120)]),
        ),
      }));
      hostile.push(
        send(collector, 'POST', '/v1/batch', JSON.stringify({ writeKey: E2E_WRITE_KEY, batch })),
      );
      // Thousands of dismissals of checklists that do not exist.
      const dismissals = Array.from({ length: 500 }, (_, m) => ({
        type: 'track',
        messageId: `dis-${round}-${m}`,
        userId: 'dismisser',
        event: '$checklist_dismissed',
        properties: { checklistId: `made-up-${round}-${m}` },
      }));
      hostile.push(
        send(
          collector,
          'POST',
          '/v1/batch',
          JSON.stringify({ writeKey: E2E_WRITE_KEY, batch: dismissals }),
        ),
      );
      hostile.push(
        send(
          collector,
          'POST',
          '/v1/identify',
          `{"writeKey":"${E2E_WRITE_KEY}","userId":"deep","traits":${nestedJson(5_000)}}`,
        ),
      );
    }
    const answers = await Promise.all(hostile);
    // Let the projection work through what was stored, still probing.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    probing = false;
    await prober;

    for (const a of answers) expect([200, 400, 429], a.what).toContain(a.status);
    expect(answers.filter((a) => a.status === 200).length).toBeGreaterThanOrEqual(24);
    // Generous, for a shared machine: before the limits each oversized identify took
    // longer than the last (13–17 s) and /healthz froze for 6 s; what is structural is
    // checked below (the kept traits and dismissals stay bounded).
    expect(worst.ms).toBeLessThan(4_000);
    const hoarder = await (await collector.admin('/v1/admin/users/hoarder')).json();
    expect(Object.keys(hoarder.traits).length).toBeLessThanOrEqual(200);
    const dismisser = await fetch(
      `${collector.url}/v1/users/dismisser/state?key=${E2E_WRITE_KEY}`,
    ).then((r) => r.json());
    expect(dismisser.dismissed).toEqual({});
  });

  it('closes connections that send their headers or body too slowly, and then serves others', async () => {
    const collector = await startCollectorProcess({
      env: {
        ...NO_RATE_LIMIT,
        AHAKIT_HEADERS_TIMEOUT_MS: '500',
        AHAKIT_REQUEST_TIMEOUT_MS: '1500',
        AHAKIT_MAX_CONNECTIONS: '40',
      },
    });
    const started = performance.now();
    const closedAfter: number[] = [];
    const sockets: Socket[] = [];
    const trickles: ReturnType<typeof setInterval>[] = [];
    for (let i = 0; i < 60; i++) {
      const socket = connect(collector.port, '127.0.0.1');
      sockets.push(socket);
      socket.on('error', () => {});
      socket.once('close', () => closedAfter.push(performance.now() - started));
      socket.once('connect', () => {
        const slowBody = i % 2 === 0;
        socket.write(
          slowBody
            ? `POST /v1/track HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{`
            : 'POST /v1/track HTTP/1.1\r\nHost: x\r\n',
        );
        // One byte every 200 ms: each one would keep a connection without a timeout alive.
        trickles.push(
          setInterval(() => {
            if (!socket.destroyed) socket.write(slowBody ? ' ' : 'X');
          }, 200),
        );
      });
    }
    try {
      await expect
        .poll(() => closedAfter.length, { timeout: 10_000, interval: 100 })
        .toBe(sockets.length);
    } finally {
      for (const t of trickles) clearInterval(t);
      for (const s of sockets) s.destroy();
    }
    // Each was cut by the header or request timeout (checked every second), not left open.
    expect(Math.max(...closedAfter)).toBeLessThan(8_000);
    const res = await send(collector, 'POST', '/v1/batch', valid(1));
    expect(res.status).toBe(200);
  });

  it('answers a client over its rate limit with 429 and Retry-After, and stores nothing of it', async () => {
    const collector = await startCollectorProcess({ env: { AHAKIT_RATE_LIMIT_PER_IP: '50' } });
    const batch = (from: number, n: number) =>
      JSON.stringify({
        writeKey: E2E_WRITE_KEY,
        batch: Array.from({ length: n }, (_, i) => ({
          type: 'track',
          messageId: `rl-${from + i}`,
          userId: 'busy',
          event: 'message_sent',
        })),
      });
    const ok = await fetch(`${collector.url}/v1/batch`, { method: 'POST', body: batch(0, 50) });
    expect(ok.status).toBe(200);
    const limited = await fetch(`${collector.url}/v1/batch`, {
      method: 'POST',
      body: batch(50, 400),
    });
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(10);
    expect((await limited.json()).error.code).toBe('rate_limited');
    const user = await (await collector.admin('/v1/admin/users/busy?limit=1000')).json();
    expect(user.timeline).toHaveLength(50);
  });
});
