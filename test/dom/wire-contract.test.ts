import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { batchEnvelopeSchema, LIMITS, messageSchema } from '../../core/events/schema';
import { start, useFakeClock } from '../helpers/widget-harness';

beforeEach(useFakeClock);
afterEach(() => {
  vi.useRealTimers();
});

it("sends only messages and envelopes that pass the collector's own schema", async () => {
  const { ahakit, collector } = start({ trackPages: true });
  ahakit.identify('user_42', { plan: 'free', signedUpAt: new Date('2025-01-01') });
  ahakit.group(1234, { seats: 5 });
  ahakit.track('channel_created', { members: 3 });
  ahakit.usage('messages', 1_800, 2_000);
  ahakit.page({ section: 'billing' });
  // Dropped in the browser, so the envelope carries context.ahakit.dropped.
  ahakit.track('huge', { text: 'x'.repeat(40_000) });
  await vi.advanceTimersByTimeAsync(0);
  await ahakit.flush();

  const bodies = collector.batchRequests().map((request) => String(request.init.body));
  expect(JSON.parse(bodies[0] ?? '{}').context).toEqual({ ahakit: { dropped: 1 } });
  for (const body of bodies) {
    expect(batchEnvelopeSchema.safeParse(JSON.parse(body)).error).toBeUndefined();
  }
  for (const message of collector.messages()) {
    expect(messageSchema.safeParse(message).error).toBeUndefined();
    expect(JSON.stringify(message).length).toBeLessThanOrEqual(LIMITS.eventBytes);
  }
  expect(new Set(collector.messages().map((message) => message.type))).toEqual(
    new Set(['identify', 'group', 'track', 'page']),
  );
});
