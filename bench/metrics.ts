/**
 * The admin API's reads over a large store: the metrics report and the PQL list (JSON
 * and CSV) over 1,000,000 events of 50,000 TeamChat users in SQLite, next to a bare
 * `SELECT count(*) FROM events` over the same file measured in the same run. The store is
 * seeded in a temporary folder with the seed's population (every event validated,
 * stored and projected by the collector's own code), so scores and decisions are real.
 * Requests go through the app (`app.request`), JSON encoding included, without a socket.
 *
 *   npm run bench:metrics
 *   BENCH_EVENTS=200000 BENCH_USERS=10000 BENCH_RUNS=5 npm run bench:metrics
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createApp } from '../server/src/app';
import { loadConfigFile } from '../server/src/config-file';
import { createProjector } from '../server/src/projection/projector';
import { seedStore } from '../server/src/seed/seed-store';
import { openSqliteStore } from '../server/src/store/sqlite';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const USERS = Number(process.env.BENCH_USERS ?? 50_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const DAYS = 42;
const DAY = 86_400_000;
const ADMIN_KEY = 'sk_bench_admin_key';
const root = new URL('..', import.meta.url).pathname;

const dir = mkdtempSync(join(tmpdir(), 'ahakit-bench-metrics-'));
try {
  const config = loadConfigFile(join(root, 'demo/ahakit.config.json'));
  const store = openSqliteStore({ dataDir: dir });
  const now = Math.floor(Date.now() / DAY) * DAY;
  console.log(
    `seeding ${EVENTS.toLocaleString('en')} events of up to ${USERS.toLocaleString('en')} users…`,
  );
  let started = performance.now();
  const seeded = await seedStore(store, config, {
    users: USERS,
    days: DAYS,
    seed: 7,
    now,
    maxEvents: EVENTS,
  });
  console.log(
    `seeded and projected ${seeded.events.toLocaleString('en')} events of ${seeded.accounts.toLocaleString('en')} workspaces in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );

  const projector = createProjector(store, config);
  await projector.start();
  await projector.settled();
  const app = createApp({
    config,
    store,
    projection: projector,
    writeKey: 'pk_bench_key',
    adminKey: ADMIN_KEY,
    widgetDir: resolve(root, 'dist/widget'),
    demoDir: resolve(root, 'demo'),
  });
  const get = async (path: string) => {
    const res = await app.request(path, { headers: { Authorization: `Bearer ${ADMIN_KEY}` } });
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.text();
  };

  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const metricsPath = `/v1/admin/metrics?from=${day(now - DAYS * DAY)}&to=${day(now)}`;
  const report = JSON.parse(await get(metricsPath));
  const newUsers = report.funnel[0].count as number;
  const list = JSON.parse(await get('/v1/admin/pqls?definition=upsell'));
  const events = await store.countEvents();
  console.log(
    `dataset: ${events.toLocaleString('en')} events, ${newUsers.toLocaleString('en')} users in the report's range, ${list.count} upsell PQLs listed (limit 1,000)\n`,
  );

  const measure = async (name: string, run: () => Promise<unknown>) => {
    await run(); // warm the caches and the JIT
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      started = performance.now();
      await run();
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor((times.length - 1) / 2)]!;
    const p95 = times[Math.min(times.length - 1, Math.ceil(0.95 * times.length) - 1)]!;
    return { name, median, p95 };
  };
  const rows = [
    await measure('baseline: SELECT count(*) FROM events', () => store.countEvents()),
    await measure('GET /v1/admin/metrics (42 days)', () => get(metricsPath)),
    await measure('GET /v1/admin/pqls?definition=upsell', () =>
      get('/v1/admin/pqls?definition=upsell'),
    ),
    await measure('GET /v1/admin/pqls?definition=upsell&format=csv', () =>
      get('/v1/admin/pqls?definition=upsell&format=csv'),
    ),
  ];
  const base = rows[0]!.median;
  console.log(`${'request'.padEnd(50)}${'median'.padStart(10)}${'p95'.padStart(10)}  vs baseline`);
  for (const r of rows) {
    console.log(
      `${r.name.padEnd(50)}${`${r.median.toFixed(r.median < 1 ? 3 : 1)} ms`.padStart(10)}${`${r.p95.toFixed(r.p95 < 1 ? 3 : 1)} ms`.padStart(10)}  ${(r.median / base).toFixed(1)}×`,
    );
  }
  const slowest = RUNS < 20 ? ` (with fewer than 20 runs, p95 is the slowest one)` : '';
  console.log(`\n${RUNS} runs each after one warm-up${slowest}; Node ${process.versions.node}`);
  await projector.stop();
  await store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
