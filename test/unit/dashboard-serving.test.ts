import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import demo from '../../demo/ahakit.config.json';
import { basicAuth, testApp, WRITE_KEY } from '../helpers/app';

const built = mkdtempSync(join(tmpdir(), 'ahakit-dashboard-'));
mkdirSync(join(built, 'assets'));
writeFileSync(
  join(built, 'index.html'),
  '<!doctype html><title>ahakit dashboard</title><script type="module" src="/dashboard/assets/index-Ab12Cd34.js"></script>',
);
writeFileSync(join(built, 'assets', 'index-Ab12Cd34.js'), 'console.log("dashboard")');
writeFileSync(join(built, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
afterAll(() => rmSync(built, { recursive: true, force: true }));

const { app, post, admin } = testApp(demo as never, undefined, { dashboardDir: built });

describe('the collector serves the widget', () => {
  it('serves ahakit.js, also at the path of the former build with nudges', async () => {
    const script = await app.request('/ahakit.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    const old = await app.request('/ahakit.full.js');
    expect(old.status).toBe(200);
    expect(await old.text()).toBe(await script.text());
  });
});

describe('the collector serves the dashboard', () => {
  it('answers /dashboard and every page path under it with the app, never cached', async () => {
    for (const path of [
      '/dashboard',
      '/dashboard/',
      '/dashboard/users/ada',
      '/dashboard/pqls?definition=upsell',
    ]) {
      const res = await app.request(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(await res.text()).toContain('<title>ahakit dashboard</title>');
    }
  });

  it('sends a strict Content-Security-Policy: own scripts and styles only, nothing inline', async () => {
    const res = await app.request('/dashboard/experiments');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves the hashed assets with a year-long immutable cache, other files briefly', async () => {
    const asset = await app.request('/dashboard/assets/index-Ab12Cd34.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const icon = await app.request('/dashboard/favicon.svg');
    expect(icon.headers.get('cache-control')).toBe('public, max-age=3600');
  });

  it('answers 404 for a missing asset and for paths outside its folder', async () => {
    expect((await app.request('/dashboard/assets/index-gone.js')).status).toBe(404);
    expect((await app.request('/dashboard/..%2F..%2Fpackage.json')).status).toBe(404);
    expect((await app.request('/dashboard/%2e%2e/%2e%2e/package.json')).status).toBe(404);
  });

  it('says how to build it when it is not built', async () => {
    const bare = testApp(demo as never, undefined, { dashboardDir: join(built, 'missing') });
    const res = await bare.app.request('/dashboard');
    expect(res.status).toBe(503);
    expect(await res.text()).toMatch(/npm run build/);
  });

  it('leaves the demo and the widget where they were', async () => {
    const res = await app.request('/pricing');
    expect(res.status).toBe(200);
    expect(await res.text()).not.toContain('ahakit dashboard');
  });
});

describe('what the dashboard reads from the admin API', () => {
  it('lists the PQL definitions with their titles, behind the admin key', async () => {
    expect((await app.request('/v1/admin/pqls/definitions')).status).toBe(401);
    expect((await admin('/v1/admin/pqls/definitions', 'sk_wrong_admin_key')).status).toBe(401);
    const res = await admin('/v1/admin/pqls/definitions');
    expect(await res.json()).toEqual({
      definitions: [
        {
          id: 'upsell',
          title: 'Upsell: free workspace ready for Pro',
          scope: 'user',
          threshold: 70,
        },
        {
          id: 'expansion',
          title: 'Expansion: paid workspace growing',
          scope: 'account',
          threshold: 60,
        },
      ],
    });
  });

  it('gives an account its PQL scores with reasons, as a user has', async () => {
    const at = (s: number) => new Date(Date.now() - 60_000 + s * 1000).toISOString();
    const batch = [
      {
        type: 'group',
        messageId: 'g1',
        userId: 'u1',
        groupId: 'big',
        traits: { plan: 'pro', companySize: '201+' },
        timestamp: at(0),
      },
      {
        type: 'track',
        messageId: 't1',
        userId: 'u1',
        event: 'talk_to_sales_clicked',
        context: { groupId: 'big' },
        timestamp: at(1),
      },
      // The hand-raise the demo config's `sales_requested` signal makes of it in the widget.
      {
        type: 'track',
        messageId: 't2',
        userId: 'u1',
        event: '$signal',
        properties: { signalId: 'sales_requested', type: 'event', event: 'talk_to_sales_clicked' },
        context: { groupId: 'big' },
        timestamp: at(2),
      },
    ];
    const sent = await post('/v1/batch', { batch }, { Authorization: basicAuth(WRITE_KEY) });
    expect(sent.status).toBe(200);
    const account = await waitFor(async () => {
      const body = (await (await admin('/v1/admin/accounts/big')).json()) as {
        pql?: {
          definition: string;
          score: number;
          qualifies: boolean;
          reasons: { label: string }[];
        }[];
      };
      return body.pql?.length ? body : undefined;
    });
    const expansion = account.pql!.find((p) => p.definition === 'expansion')!;
    expect(expansion.score).toBe(60);
    expect(expansion.qualifies).toBe(true);
    expect(expansion.reasons.map((r) => r.label)).toEqual(['51+ people', 'Asked to talk to sales']);
  });
});

async function waitFor<T>(check: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('condition not met in 2 s');
}
