/**
 * Ingestion throughput: events per second through the collector's HTTP API into SQLite,
 * for batches of 1 and 50 events, next to a bare node:http server measured in the same
 * run (it reads the body, parses the JSON and answers 200: the ceiling of any server on
 * this machine). The servers run in child processes; the load comes from autocannon in
 * this process. The collector answers once events are committed and projects them (rule
 * engine, scores) right after; each measurement waits for that to finish, so the next one
 * is not slowed by the last one's leftovers.
 *
 *   npm run bench:ingest              # 5 s per measurement
 *   BENCH_SECONDS=10 npm run bench:ingest
 *   BENCH_EVENT='$nudge_shown' npm run bench:ingest   # every event a nudge event: the
 *                                                     # most the nudge index can cost
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const EVENT = process.env.BENCH_EVENT ?? 'message_sent';
const WRITE_KEY = 'pk_bench_key';
const root = new URL('..', import.meta.url).pathname;

const BARE_SERVER = `
const http = require('node:http');
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    const n = Array.isArray(body.batch) ? body.batch.length : 1;
    const out = JSON.stringify({ ok: true, accepted: n, duplicates: 0 });
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(out) });
    res.end(out);
  });
});
server.listen(0, '127.0.0.1', () => console.log('listening on http://127.0.0.1:' + server.address().port));
`;

interface Server {
  url: string;
  child: ChildProcess;
}

function startProcess(args: string[], env: NodeJS.ProcessEnv): Promise<Server> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env } });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = out.match(/listening on (http:\/\/[\w.:-]+)/);
      if (match?.[1]) resolve({ url: match[1], child });
    });
    child.stderr.on('data', (chunk: Buffer) => process.stderr.write(chunk));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
}

let seq = 0;
const run = Date.now().toString(36);
function makeBody(size: number): string {
  const now = new Date().toISOString();
  const batch = [];
  for (let i = 0; i < size; i++) {
    seq++;
    batch.push({
      type: 'track',
      messageId: `${run}-${seq}`,
      userId: `user-${seq % 5000}`,
      event: EVENT,
      properties: EVENT.startsWith('$nudge_')
        ? { nudgeId: `nudge-${seq % 4}`, kind: 'card', variant: seq % 2 ? 'treatment' : 'control' }
        : { channelId: `c-${seq % 40}`, length: 42, messageCount: seq % 50 },
      context: { library: { name: 'ahakit', version: '0.1.0' }, page: { path: '/app/c/general' } },
      timestamp: now,
    });
  }
  return JSON.stringify({ batch, sentAt: now, writeKey: WRITE_KEY });
}

async function load(url: string, batchSize: number) {
  const result = await autocannon({
    url: `${url}/v1/batch`,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        // A fresh body per request: repeated messageIds would be deduplicated, not stored.
        setupRequest: (req) => ({ ...req, body: makeBody(batchSize) }),
      },
    ],
  });
  const ok = result['2xx'];
  const failed = result.non2xx + result.errors + result.timeouts;
  if (failed > 0) console.warn(`  ! ${failed} requests failed against ${url} (batch ${batchSize})`);
  const reqPerSec = ok / (result.duration || SECONDS);
  return { reqPerSec, eventsPerSec: reqPerSec * batchSize, p99: result.latency.p99 };
}

/**
 * Waits until a server process has finished its background work (the collector projects
 * what it stored after answering), so it does not steal the CPU of the next measurement.
 */
async function waitIdle(pid: number | undefined, maxMs = 30_000): Promise<void> {
  if (!pid || !existsSync(`/proc/${pid}/stat`)) {
    await new Promise((r) => setTimeout(r, 3_000));
    return;
  }
  const cpu = () => {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime + stime, in clock ticks
  };
  const deadline = Date.now() + maxMs;
  let before = cpu();
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 500));
    const now = cpu();
    if (now - before <= 2) return; // under ~4% of a core (100 ticks per second)
    before = now;
  }
}

const dataDir = mkdtempSync(join(tmpdir(), 'ahakit-bench-'));
const bare = await startProcess(['-e', BARE_SERVER], {});
const collector = await startProcess(['bin/ahakit.js', 'serve'], {
  PORT: '0',
  HOST: '127.0.0.1',
  AHAKIT_DATA_DIR: dataDir,
  AHAKIT_WRITE_KEY: WRITE_KEY,
  AHAKIT_ADMIN_KEY: 'sk_bench_admin_key',
  // All the load comes from one address with one key: the limits are set far above it,
  // so their checks are measured (they run on every request) but refuse nothing.
  AHAKIT_RATE_LIMIT_PER_IP: '100000000',
  AHAKIT_RATE_LIMIT_PER_KEY: '100000000',
});

try {
  console.log(
    `ingest benchmark: ${EVENT} events, ${SECONDS}s per run, ${CONNECTIONS} connections, Node ${process.version}\n`,
  );
  // Warm both servers' JIT before measuring.
  await load(bare.url, 1);
  await load(collector.url, 1);
  await waitIdle(collector.child.pid);
  const rows: string[][] = [['batch', 'server', 'requests/s', 'events/s', 'p99 ms', 'vs bare']];
  for (const size of [1, 50]) {
    const b = await load(bare.url, size);
    const c = await load(collector.url, size);
    await waitIdle(collector.child.pid);
    const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
    rows.push([
      String(size),
      'bare node:http',
      fmt(b.reqPerSec),
      fmt(b.eventsPerSec),
      String(b.p99),
      '1.00',
    ]);
    rows.push([
      String(size),
      'ahakit → SQLite',
      fmt(c.reqPerSec),
      fmt(c.eventsPerSec),
      String(c.p99),
      (c.reqPerSec / b.reqPerSec).toFixed(2),
    ]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows) console.log(r.map((cell, i) => cell.padEnd(widths[i]!)).join('  '));
} finally {
  bare.child.kill();
  collector.child.kill();
  rmSync(dataDir, { recursive: true, force: true });
}
