/** How deliveries are retried. */
export interface RetryPolicy {
  /** Ceiling of the first retry's delay; each retry doubles it. */
  baseMs: number;
  /** The ceiling never grows past this. */
  capMs: number;
  /** Attempts at most, the first included. */
  maxAttempts: number;
  /** A delivery still failing this long after it was enqueued is given up. */
  maxAgeMs: number;
}

/** 10 s, 20 s, 40 s … up to an hour between attempts, for a day. */
export const DEFAULT_RETRY: RetryPolicy = {
  baseMs: 10_000,
  capMs: 3_600_000,
  maxAttempts: 50,
  maxAgeMs: 24 * 3_600_000,
};

/**
 * The wait before the next attempt, after `attempts` failed ones: "full jitter", a
 * uniformly random delay below an exponentially growing ceiling, so receivers coming back
 * from an outage are not hit by every sender at once. A `Retry-After` the receiver gave
 * is a lower bound (held to the policy's total window).
 */
export function retryDelay(
  policy: RetryPolicy,
  attempts: number,
  random: () => number,
  retryAfterMs?: number,
): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
  const jittered = Math.floor(random() * ceiling);
  return retryAfterMs === undefined
    ? jittered
    : Math.max(jittered, Math.min(retryAfterMs, policy.maxAgeMs));
}

/** Statuses worth another try: timeouts, rate limits and server errors. Other 4xx won't change. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** `Retry-After` as seconds or an HTTP date, in milliseconds from `now`. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
