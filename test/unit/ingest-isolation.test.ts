import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../core/events/schema';
import { mergeTraits } from '../../server/src/store/merge-traits';
import { openSqliteStore } from '../../server/src/store/sqlite';
import type { EventRow } from '../../server/src/store/store';
import { testApp, trackMessage, WRITE_KEY } from '../helpers/app';

/** `{"x":{"x":…"deep"}}`, written out: JSON.stringify itself overflows the stack on deep values. */
function nestedJson(depth: number): string {
  return `${'{"x":'.repeat(depth)}"deep"${'}'.repeat(depth)}`;
}
const nested = (depth: number): unknown => JSON.parse(nestedJson(depth));

function row(overrides: Partial<EventRow> = {}): EventRow {
  const id = Math.random().toString(36).slice(2);
  return {
    messageId: id,
    clientTs: 0,
    type: 'track',
    event: 'channel_created',
    userId: 'u1',
    anonymousId: null,
    groupId: null,
    timestamp: Date.now(),
    receivedAt: Date.now(),
    payload: JSON.stringify({ type: 'track', event: 'channel_created', messageId: id }),
    ...overrides,
  };
}

describe('each ingestion request stands alone', () => {
  it('stores every concurrent valid request while the poison message beside them is refused by name', async () => {
    const { post, store } = testApp();
    const poisons = [
      `{"type":"identify","userId":"u_evil","traits":${nestedJson(1_000)}}`,
      `{"type":"group","userId":"u_evil","groupId":"acme","traits":${nestedJson(5_000)}}`,
      JSON.stringify(trackMessage({ event: '$nudge_shown', properties: {} })).replace(
        '"properties":{}',
        `"properties":${nestedJson(2_000)}`,
      ),
    ];
    const valid = Array.from({ length: 60 }, (_, i) =>
      post('/v1/batch', { writeKey: WRITE_KEY, batch: [trackMessage({ userId: `u${i}` })] }),
    );
    const hostile = poisons.map((poison) =>
      post(
        '/v1/batch',
        `{"writeKey":"${WRITE_KEY}","batch":[${JSON.stringify(trackMessage())},${poison},${JSON.stringify(trackMessage())}]}`,
      ),
    );
    const answers = await Promise.all([...valid, ...hostile]);
    for (const res of answers.slice(0, 60)) expect(res.status).toBe(200);
    // Each poison's batch is kept in part: a 200 naming the poison, like Segment's API.
    for (const res of answers.slice(60)) {
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body.accepted).toBe(2);
      expect(body.rejected[0].field).toMatch(/^batch\[1\]\.(traits|properties)(\.x){30,}/);
      expect(body.rejected[0].reason).toBe(
        `is nested more than ${LIMITS.depth} levels deep; flatten it`,
      );
    }
    expect(await store.countEvents()).toBe(60 + 2 * poisons.length);
  });

  it('accepts nesting up to the limit', async () => {
    const { post } = testApp();
    const res = await post('/v1/track', {
      writeKey: WRITE_KEY,
      ...trackMessage({ properties: nested(LIMITS.depth - 2) }),
    });
    expect(res.status).toBe(200);
  });

  it('leaves out only the rows the database refuses, not the rest of their request or the others', async () => {
    const store = openSqliteStore({ dataDir: '', fileName: ':memory:' });
    // The nudge index reads the payload as JSON: a row it cannot read is refused.
    const refusedRow = row({ event: '$nudge_shown', payload: '{not json' });
    const [mixed, other] = await Promise.all([
      store.insertEvents([row(), refusedRow, row()]),
      store.insertEvents([row()]),
    ]);
    expect(mixed.inserted).toBe(2);
    expect(mixed.refused).toEqual([{ index: 1, reason: expect.stringMatching(/malformed JSON/) }]);
    expect(other).toEqual({ inserted: 1, duplicates: 0 });
    expect(await store.countEvents()).toBe(3);
  });
});

describe('what one user or account keeps is bounded', () => {
  it('refuses a single call with more traits than a user keeps', async () => {
    const { post } = testApp();
    const traits = Object.fromEntries(
      Array.from({ length: LIMITS.subjectTraitKeys + 1 }, (_, i) => [`t${i}`, i]),
    );
    const res = await post('/v1/identify', { writeKey: WRITE_KEY, userId: 'u1', traits });
    expect(res.status).toBe(400);
    expect((await res.json()).error.details[0]).toMatchObject({ field: 'traits' });
  });

  it('drops new traits past the limit while later calls keep updating the kept ones', async () => {
    const { post, store } = testApp();
    for (let call = 0; call < 5; call++) {
      const traits = Object.fromEntries(
        Array.from({ length: 100 }, (_, i) => [`c${call}_${i}`, 'x'.repeat(20)]),
      );
      const res = await post('/v1/identify', {
        writeKey: WRITE_KEY,
        userId: 'u1',
        traits: { ...traits, plan: `plan-${call}` },
      });
      expect(res.status).toBe(200);
    }
    const traits = await store.traitsOf('user', 'u1');
    expect(Object.keys(traits).length).toBe(LIMITS.subjectTraitKeys);
    expect(traits.plan).toBe('plan-4');
    expect(traits.c4_0).toBeUndefined();
    expect(JSON.stringify(traits).length).toBeLessThanOrEqual(LIMITS.subjectTraitBytes);
  });

  it('merges traits as a JSON merge patch: null removes, objects merge, the kept size holds', () => {
    const { traits, dropped } = mergeTraits(
      { plan: 'free', company: { name: 'Acme', size: 10 }, gone: 1 },
      { plan: 'pro', company: { size: 12 }, gone: null, huge: 'x'.repeat(100) },
      { keys: 10, bytes: 100 },
    );
    expect(traits).toEqual({ plan: 'pro', company: { name: 'Acme', size: 12 } });
    expect(dropped).toEqual(['huge']);
  });

  it('keeps a __proto__ trait as a trait', () => {
    const patch = JSON.parse('{"__proto__": {"admin": true}}') as Record<string, unknown>;
    const { traits } = mergeTraits({}, patch);
    expect(Object.keys(traits)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });
});
