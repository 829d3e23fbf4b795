import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import { BurstyRateLimiter, RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from './errors';
import type { WireLimits } from './settings';

/** Takes `events` from the request's allowances, or throws a 429 with `Retry-After`. */
export type RateLimit = (c: Context, events: number) => Promise<void>;

/** A burst may spend this many seconds' worth of the rate, once in each window of twice as long. */
const BURST_SECONDS = 5;

/**
 * The per-IP and per-write-key rate limits of the public API, counted in events (a
 * batch of 50 takes 50), each a rate per second plus a burst allowance
 * (rate-limiter-flexible's BurstyRateLimiter), so a page that flushes a queue after
 * being offline is not refused. The widget waits out a `Retry-After` and sends again.
 *
 * @example const limit = rateLimit({ perIp: 1000, perKey: 20000, trustProxy: false }); await limit(c, batch.length);
 */
export function rateLimit(limits: Pick<WireLimits, 'perIp' | 'perKey' | 'trustProxy'>): RateLimit {
  const perIp = limits.perIp > 0 ? bursty(limits.perIp, 'ip') : null;
  const perKey = limits.perKey > 0 ? bursty(limits.perKey, 'key') : null;
  return async (c, events) => {
    const points = Math.max(1, events);
    if (perIp) await take(c, perIp, clientAddress(c, limits.trustProxy), points, 'address');
    if (perKey) await take(c, perKey, 'write-key', points, 'write key');
  };
}

async function take(
  c: Context,
  limiter: BurstyRateLimiter,
  key: string,
  points: number,
  what: string,
): Promise<void> {
  try {
    await limiter.consume(key, points);
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    c.header('Retry-After', String(seconds));
    throw new AppError(
      429,
      'rate_limited',
      `Too many events from this ${what}; send again in ${seconds} s.`,
    );
  }
}

function bursty(rate: number, name: string): BurstyRateLimiter {
  return new BurstyRateLimiter(
    new RateLimiterMemory({ keyPrefix: name, points: rate, duration: 1 }),
    new RateLimiterMemory({
      keyPrefix: `${name}-burst`,
      points: rate * BURST_SECONDS,
      duration: BURST_SECONDS * 2,
    }),
  );
}

/**
 * The client's address: the socket's, or behind a reverse proxy (`trustProxy`) the last
 * `X-Forwarded-For` hop, the one the proxy itself added (earlier hops are the client's word).
 */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for');
    const last = forwarded?.split(',').at(-1)?.trim();
    if (last) return last;
  }
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  return incoming?.socket.remoteAddress ?? 'local';
}
