import { describe, expect, it } from 'vitest';
import { testApp, WRITE_KEY } from '../helpers/app';

const config = {
  milestones: [{ id: 'messages', event: 'message_sent', count: 1 }],
  activation: { milestones: ['messages'] },
  pql: [{ id: 'upsell', value: [{ activated: true as const, points: 50 }], threshold: 50 }],
};

const people = [
  ['ada', 'Ada Lovelace', 'Analytical Engines'],
  ['grace', 'Grace Hopper', 'Navy'],
  ['alan', 'Alan Turing', 'Bletchley Park'],
  ['linus', 'Linus Torvalds', 'Kernel Org'],
  ['margaret', 'Margaret Hamilton', 'Apollo'],
] as const;

async function leads() {
  const app = testApp(config);
  let n = 0;
  const at = () => new Date(Date.now() - 60_000 + ++n * 100).toISOString();
  const batch = people.flatMap(([id, name, company], i) => [
    { type: 'identify', userId: id, traits: { name, email: `${id}@example.com` } },
    { type: 'group', userId: id, groupId: `acct_${i}`, traits: { name: company } },
    { type: 'track', userId: id, event: 'message_sent', context: { groupId: `acct_${i}` } },
  ]);
  await app.post('/v1/batch', {
    writeKey: WRITE_KEY,
    batch: batch.map((m, i) => ({ ...m, messageId: `l-${i}`, timestamp: at() })),
  });
  await app.projector.settled();
  return app;
}

describe('GET /v1/admin/pqls: search, pages, company', () => {
  it('finds leads by id, email, name or company, and names each lead’s company, in JSON and CSV', async () => {
    const { admin } = await leads();
    const find = async (q: string) =>
      (
        (await (await admin(`/v1/admin/pqls?definition=upsell&q=${encodeURIComponent(q)}`)).json())
          .pqls as { id: string; company?: string }[]
      ).map((p) => `${p.id} ${p.company}`);
    expect(await find('BLETCHLEY')).toEqual(['alan Bletchley Park']);
    expect(await find('grace@')).toEqual(['grace Navy']);
    expect(await find('hamilton')).toEqual(['margaret Apollo']);
    expect(await find('linus')).toEqual(['linus Kernel Org']);
    expect(await find('nobody')).toEqual([]);

    const csv = await (await admin('/v1/admin/pqls?definition=upsell&format=csv&q=navy')).text();
    expect(csv.split('\r\n')[1]).toMatch(
      /^user,grace,grace@example\.com,Grace Hopper,Navy,50,yes,/,
    );
  });

  it('pages through the list with offset and limit, saying how many there are in all', async () => {
    const { admin } = await leads();
    const page = async (offset: number) =>
      (await admin(`/v1/admin/pqls?definition=upsell&limit=2&offset=${offset}`)).json();
    const pages = [await page(0), await page(2), await page(4)];
    expect(pages.map((p) => [p.total, p.count, p.offset, p.limit])).toEqual([
      [5, 2, 0, 2],
      [5, 2, 2, 2],
      [5, 1, 4, 2],
    ]);
    const ids = pages.flatMap((p) => p.pqls.map((x: { id: string }) => x.id));
    expect(new Set(ids).size).toBe(5);
  });
});
