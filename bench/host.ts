/**
 * What embedding costs a host page, next to posthog-js measured in the same run.
 *
 * One host page in headless Chromium with 4× CPU throttling, in three variants, each
 * loaded afresh (new browser context: an empty cache, as on a first visit), alternating
 * over the rounds so machine noise falls on all three alike:
 * - alone: the page with no tag;
 * - ahakit: the README's snippet for an identified user of a free workspace, who sees the
 *   demo's checklist (the run waits until its launcher is on screen);
 * - posthog-js: its snippet loading `dist/array.js` from its npm package, default
 *   options, `api_host` a closed local port (the run waits until it has loaded).
 * Printed: the median extra main-thread task time, script time and JS heap over the page
 * alone, the bytes on the wire (compressed, as sent), and the ratio ahakit / posthog-js.
 *
 *   npm run bench:host                 # 7 rounds
 *   BENCH_ROUNDS=15 npm run bench:host
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../test/helpers/browser';
import {
  E2E_WRITE_KEY,
  freePort,
  startCollectorProcess,
  stopAllCollectors,
} from '../test/helpers/collector-process';
import { writeConfig } from '../test/helpers/host-site';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const THROTTLE = 4;
const root = new URL('..', import.meta.url).pathname;
const POSTHOG = readFileSync(join(root, 'node_modules/posthog-js/dist/array.js'));

type Variant = 'alone' | 'ahakit' | 'posthog';
interface Sample {
  task: number;
  script: number;
  heap: number;
  bytes: number;
}

/** A page with some content of its own, so the baseline is not an empty document. */
const page = (head: string) => `<!doctype html><html><head><meta charset="utf-8">
<title>Host app</title>${head}</head><body><main><h1>Projects</h1><ul>${Array.from(
  { length: 200 },
  (_, i) => `<li><a href="#p${i}">Project ${i}</a> <button>Open</button></li>`,
).join('')}</ul></main></body></html>`;

async function startHost(port: number, collector: string, closedPort: number) {
  const pages: Record<string, string> = {
    '/alone': page(''),
    '/ahakit':
      page(`<script>window.ahakit=window.ahakit||function(){(ahakit.q=ahakit.q||[]).push(arguments)}</script>
<script>ahakit('identify', 'bench-user', { name: 'Ada' }); ahakit('group', 'bench-workspace', { plan: 'free' });</script>
<script async src="${collector}/ahakit.js" data-key="${E2E_WRITE_KEY}"></script>`),
    // posthog-js's own snippet shape: a stub that queues calls and loads array.js.
    '/posthog': page(`<script>
!function(t,e){var o,n,p,r;e.__SV||(window.posthog=e,e._i=[],e.init=function(i,s,a){function g(t,e){var o=e.split(".");2==o.length&&(t=t[o[0]],e=o[1]),t[e]=function(){t.push([e].concat(Array.prototype.slice.call(arguments,0)))}}(p=t.createElement("script")).type="text/javascript",p.crossOrigin="anonymous",p.async=!0,p.src="/posthog/array.js",(r=t.getElementsByTagName("script")[0]).parentNode.insertBefore(p,r);var u=e;for(void 0!==a?u=e[a]=[]:a="posthog",u.people=u.people||[],u.toString=function(t){var e="posthog";return"posthog"!==a&&(e+="."+a),t||(e+=" (stub)"),e},u.people.toString=function(){return u.toString(1)+".people (stub)"},o="init capture register register_once unregister identify alias reset group setPersonProperties".split(" "),n=0;n<o.length;n++)g(u,o[n]);e._i.push([i,s,a])},e.__SV=1)}(document,window.posthog||[]);
posthog.init('phc_bench', { api_host: 'http://127.0.0.1:${closedPort}' });
posthog.identify('bench-user', { name: 'Ada' });
</script>`),
  };
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/posthog/array.js') {
      res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(POSTHOG);
      return;
    }
    const html = pages[path];
    if (!html) return void res.writeHead(204).end();
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(html);
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${port}`, close: () => server.close() };
}

/** Gzip by default for posthog's array.js as a CDN would send it: its bytes on the wire. */
const { gzipSync } = await import('node:zlib');
const POSTHOG_WIRE = gzipSync(POSTHOG, { level: 9 }).length;

async function measure(browser: Browser, url: string, variant: Variant): Promise<Sample> {
  const context = await browser.newContext();
  const p: Page = await context.newPage();
  const cdp = await context.newCDPSession(p);
  await cdp.send('Network.enable');
  await cdp.send('Performance.enable');
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
  let bytes = 0;
  const documentIds = new Set<string>();
  cdp.on('Network.requestWillBeSent', ({ requestId, type }) => {
    if (type === 'Document') documentIds.add(requestId);
  });
  cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
    if (!documentIds.has(requestId)) bytes += encodedDataLength;
  });
  await p.goto(`${url}/${variant}`);
  if (variant === 'ahakit') {
    await p.locator('ahakit-widget').getByRole('button', { name: /of/ }).waitFor();
  } else if (variant === 'posthog') {
    await p.waitForFunction(
      () => (window as { posthog?: { __loaded?: boolean } }).posthog?.__loaded,
    );
  }
  // What each does after its first paint (timers, deferred requests) counts too.
  await p.waitForLoadState('networkidle');
  await p.waitForTimeout(1_000);
  const { metrics } = (await cdp.send('Performance.getMetrics')) as {
    metrics: Array<{ name: string; value: number }>;
  };
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
  if (process.env.BENCH_DEBUG) {
    console.log(
      variant,
      metrics
        .filter((m) => /Duration|Count/.test(m.name))
        .map((m) => `${m.name}=${m.value.toFixed(3)}`)
        .join(' '),
    );
  }
  // The host serves posthog's file uncompressed; count it as a CDN would send it (gzip).
  if (variant === 'posthog') bytes += POSTHOG_WIRE - POSTHOG.length;
  await context.close();
  return {
    // DevTools commands are this harness talking to the page, not the page's own work.
    task: (metric('TaskDuration') - metric('DevToolsCommandDuration')) * 1000,
    script: metric('ScriptDuration') * 1000,
    heap: metric('JSHeapUsedSize'),
    bytes,
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const closedPort = await freePort();
const hostPort = await freePort();
const config = JSON.parse(readFileSync(join(root, 'demo/ahakit.config.json'), 'utf8'));
delete config.webhooks;
const collector = await startCollectorProcess({
  configPath: writeConfig({
    ...config,
    collector: { ...config.collector, allowedOrigins: [`http://127.0.0.1:${hostPort}`] },
  }),
});
const host = await startHost(hostPort, collector.url, closedPort);
const hostUrl = host.url;
const browser = await launchBrowser();
const samples: Record<Variant, Sample[]> = { alone: [], ahakit: [], posthog: [] };
const orders: Variant[][] = [
  ['alone', 'ahakit', 'posthog'],
  ['posthog', 'alone', 'ahakit'],
  ['ahakit', 'posthog', 'alone'],
];
try {
  // One warm-up round: the collector's first answers and Chromium's first start are not
  // what a host page pays.
  for (const variant of orders[0]!) await measure(browser, hostUrl, variant);
  for (let round = 0; round < ROUNDS; round++) {
    for (const variant of orders[round % orders.length]!) {
      samples[variant].push(await measure(browser, hostUrl, variant));
    }
    process.stdout.write(`round ${round + 1}/${ROUNDS}\r`);
  }
} finally {
  await browser.close();
  host.close();
  await stopAllCollectors();
}

const of = (variant: Variant, key: keyof Sample) => median(samples[variant].map((s) => s[key]));
const extra = (variant: Exclude<Variant, 'alone'>, key: keyof Sample) =>
  of(variant, key) - of('alone', key);
const rows: Array<[string, (v: Exclude<Variant, 'alone'>) => string]> = [
  ['extra main-thread task time', (v) => `${extra(v, 'task').toFixed(0)} ms`],
  ['extra script time', (v) => `${extra(v, 'script').toFixed(0)} ms`],
  ['extra JS heap', (v) => `${(extra(v, 'heap') / 1024 / 1024).toFixed(2)} MB`],
  ['bytes on the wire', (v) => `${((of(v, 'bytes') - of('alone', 'bytes')) / 1024).toFixed(1)} KB`],
];
console.log(`\nhost page, ${THROTTLE}× CPU throttling, median of ${ROUNDS} rounds (first visits)`);
console.log(`${''.padEnd(30)}${'ahakit'.padStart(12)}${'posthog-js'.padStart(14)}`);
for (const [name, format] of rows) {
  console.log(
    `${name.padEnd(30)}${format('ahakit').padStart(12)}${format('posthog').padStart(14)}`,
  );
}
const ratio = extra('ahakit', 'task') / extra('posthog', 'task');
console.log(`ahakit / posthog-js main-thread time: ${ratio.toFixed(2)}× (aim: at most 0.5×)`);
console.log(
  `ahakit / posthog-js bytes: ${((of('ahakit', 'bytes') - of('alone', 'bytes')) / (of('posthog', 'bytes') - of('alone', 'bytes'))).toFixed(2)}×`,
);
