import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../server/src/config-file';
import { dateRange } from '../../server/src/metrics/date-range';
import { metricsReport } from '../../server/src/metrics/report';
import { seedStore } from '../../server/src/seed/seed-store';
import { teamChatPopulation } from '../../server/src/seed/teamchat-population';
import { openSqliteStore } from '../../server/src/store/sqlite';

const DAY = 86_400_000;
const NOW = Date.parse('2026-06-01T00:00:00.000Z');
const config = loadConfigFile('demo/ahakit.config.json');

function fingerprint(seed: number): { hash: string; messages: number } {
  const hash = createHash('sha256');
  let messages = 0;
  for (const workspace of teamChatPopulation({
    users: 300,
    days: 21,
    seed,
    now: NOW,
    nudges: config.nudges,
  })) {
    for (const m of workspace) {
      hash.update(JSON.stringify(m));
      messages++;
    }
  }
  return { hash: hash.digest('hex'), messages };
}

async function seededCounts(seed: number) {
  const store = openSqliteStore({ dataDir: '', fileName: ':memory:' });
  const result = await seedStore(store, config, { users: 300, days: 21, seed, now: NOW });
  const range = dateRange({ from: '2026-05-01', to: '2026-05-31' }, NOW);
  const report = await metricsReport(store, config, range);
  const deliveries = store.outbox.recent({ limit: 1 }).length;
  await store.close();
  return { result, report, deliveries };
}

describe('the seeded TeamChat population', () => {
  it('is the same for the same seed and different for another', () => {
    const a = fingerprint(3);
    expect(fingerprint(3)).toEqual(a);
    expect(fingerprint(4).hash).not.toBe(a.hash);
    expect(a.messages).toBeGreaterThan(300 * 5);
  });

  it('keeps every event between its sign-up and now, signing up users over the days asked for', () => {
    let first = Number.POSITIVE_INFINITY;
    let last = 0;
    for (const workspace of teamChatPopulation({ users: 300, days: 21, seed: 5, now: NOW })) {
      for (const m of workspace) {
        const at = Date.parse(m.timestamp);
        first = Math.min(first, at);
        last = Math.max(last, at);
      }
    }
    expect(last).toBeLessThanOrEqual(NOW);
    expect(first).toBeGreaterThanOrEqual(NOW - 21 * DAY - 3 * 60_000);
    expect(first).toBeLessThan(NOW - 18 * DAY);
  });

  it('fills a store whose metrics come out the same for the same seed, with a drop-off at every funnel step', async () => {
    const one = await seededCounts(9);
    const two = await seededCounts(9);
    expect(two.result).toEqual(one.result);
    const counts = (r: typeof one.report) => ({
      funnel: r.funnel.map((s) => s.count),
      ttv: r.timeToValue,
      nudges: r.nudges.map((n) => [n.eligible, n.shown, n.clicked, n.dismissed, n.converted]),
      experiments: r.experiments.map((e) => [e.treatment, e.control]),
      checklist: r.checklists[0]?.items.map((i) => i.completed),
    });
    expect(counts(two.report)).toEqual(counts(one.report));
    const [newUsers, activated, pql, converted] = counts(one.report).funnel;
    // Teammates invited near the end have not joined yet.
    expect(newUsers).toBeGreaterThan(250);
    expect(newUsers).toBeLessThanOrEqual(300);
    expect(activated).toBeGreaterThan(0);
    expect(activated).toBeLessThan(newUsers!);
    expect(pql).toBeGreaterThan(0);
    expect(converted).toBeGreaterThan(0);
    expect(one.report.experiments[0]?.treatment.exposed).toBeGreaterThan(0);
    expect(one.report.experiments[0]?.control.exposed).toBeGreaterThan(0);
  });

  it('puts nothing in the demo webhook’s outbox: made-up leads are nobody to notify', async () => {
    expect(config.webhooks.map((w) => w.events)).toEqual([
      expect.arrayContaining(['pql.qualified', 'handraise']),
    ]);
    const { report, deliveries } = await seededCounts(2);
    expect(report.funnel[2]?.count).toBeGreaterThan(0);
    expect(deliveries).toBe(0);
  });
});
