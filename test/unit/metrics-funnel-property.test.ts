import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../server/src/config-file';
import { dateRange } from '../../server/src/metrics/date-range';
import { metricsReport } from '../../server/src/metrics/report';
import { seedStore } from '../../server/src/seed/seed-store';
import { openSqliteStore } from '../../server/src/store/sqlite';
import type { Store } from '../../server/src/store/store';

const DAY = 86_400_000;
const NOW = Date.parse('2026-06-01T00:00:00.000Z');
const DAYS = 45;
const config = loadConfigFile('demo/ahakit.config.json');
const day = (offset: number) => new Date(NOW - offset * DAY).toISOString().slice(0, 10);

let store: Store;
beforeAll(async () => {
  store = openSqliteStore({ dataDir: '', fileName: ':memory:' });
  await seedStore(store, config, { users: 400, days: DAYS, seed: 11, now: NOW });
}, 60_000);
afterAll(() => store.close());

describe('the funnel on the seeded TeamChat population', () => {
  it('is a funnel over any date range: each step a subset of the one before, no rate above 100%', async () => {
    let nonEmpty = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: DAYS + 5 }),
        fc.integer({ min: 0, max: DAYS + 5 }),
        async (a, b) => {
          const range = dateRange({ from: day(Math.max(a, b)), to: day(Math.min(a, b)) }, NOW);
          const report = await metricsReport(store, config, range);
          const counts = report.funnel.map((s) => s.count);
          if (counts[0]! > 0) nonEmpty++;
          for (let i = 1; i < counts.length; i++) {
            expect(counts[i]).toBeLessThanOrEqual(counts[i - 1]!);
          }
          // The weekly trends cover the same users, and their rates are rates too.
          expect(report.trends.reduce((sum, w) => sum + w.newUsers, 0)).toBe(counts[0]);
          for (const w of report.trends) {
            if (w.activationRate !== null) expect(w.activationRate).toBeLessThanOrEqual(1);
          }
          for (const step of report.funnel) {
            if (step.fromPrevious !== null) expect(step.fromPrevious).toBeLessThanOrEqual(1);
            if (step.fromTop !== null) expect(step.fromTop).toBeLessThanOrEqual(1);
          }
        },
      ),
      { numRuns: 40, seed: 20261204 },
    );
    // The property was tried on ranges with users in them, not only on empty ones.
    expect(nonEmpty).toBeGreaterThan(20);
  });

  it("counts each week's new users, activations and first qualifications into the trends", async () => {
    const report = await metricsReport(
      store,
      config,
      dateRange({ from: day(DAYS), to: day(0) }, NOW),
    );
    expect(report.trends.map((w) => w.week)).toEqual(
      Array.from({ length: Math.ceil((DAYS + 1) / 7) }, (_, i) => day(DAYS - 7 * i)),
    );
    expect(report.trends.reduce((sum, w) => sum + w.newUsers, 0)).toBe(report.funnel[0]!.count);
    const pqls = report.trends.reduce((sum, w) => sum + w.pqls, 0);
    // Every lead qualified in the range (the seed's first users signed up on its first day).
    expect(pqls).toBeGreaterThan(0);
    expect(pqls).toBeGreaterThanOrEqual(Math.max(...report.pql.map((d) => d.qualified)));
  });
});
