import type { RejectedMessage } from '../../../core/events/schema';
import type { Platform } from '../platform';

/** What became of one request, in the terms the delivery loop acts on. */
export type SendResult =
  /** Stored (2xx). */
  | { kind: 'ok' }
  /** Network error, 5xx, 408 or 429: try again, not before `retryAfterMs`. */
  | { kind: 'retry'; problem: unknown; retryAfterMs: number }
  /** A 4xx that a retry cannot fix: none of the batch was stored. */
  | { kind: 'refused'; problem: string }
  /** Some messages refused (a 200 listing them, or 400 `invalid_messages`): the rest were stored. */
  | { kind: 'invalid'; problem: string; count: number };

// A Retry-After of a day would park events longer than any page lives; storage keeps them.
const MAX_RETRY_AFTER_MS = 10 * 60_000;

/** `Retry-After` in milliseconds from now: delta-seconds or an HTTP date; 0 if unreadable. */
function retryAfter(value: string | null): number {
  const ms = value ? Number(value) * 1_000 || Date.parse(value) - Date.now() : 0;
  return ms > 0 ? Math.min(ms, MAX_RETRY_AFTER_MS) : 0;
}

/**
 * POSTs one batch body. A string body goes as `text/plain;charset=UTF-8`, with fetch and
 * sendBeacon alike, which makes a CORS "simple" request: no preflight. `keepalive` lets it
 * finish after the page is gone, which Chrome allows for bodies up to 64 KiB. Never rejects.
 */
export async function send(
  platform: Pick<Platform, 'fetch' | 'sendBeacon'>,
  url: string,
  body: string,
  atExit: boolean,
): Promise<SendResult> {
  let response: Response;
  try {
    const post = platform.fetch!;
    response = await post(url, { method: 'POST', body, credentials: 'omit', keepalive: true });
  } catch (error) {
    // At page exit the keepalive quota may be full; sendBeacon has its own. It never tells
    // whether the collector stored the batch, so the batch stays queued as if it had failed.
    try {
      if (atExit) platform.sendBeacon!(url, body);
    } catch {
      // No sendBeacon either.
    }
    return { kind: 'retry', problem: error, retryAfterMs: 0 };
  }
  const { status } = response;
  let problem = `HTTP ${status}`;
  if (response.ok) {
    // A batch kept in part is a 200 that lists the rejected messages.
    const rejected = await response.json().then(
      (answer) => answer?.rejected as RejectedMessage[] | undefined,
      () => undefined,
    );
    return rejected?.length ? invalid(rejected) : { kind: 'ok' };
  }
  // 408 is the server giving up waiting for the request: nothing was stored, so retry.
  if (status < 400 || status >= 500 || status === 408 || status === 429) {
    return {
      kind: 'retry',
      problem,
      retryAfterMs: retryAfter(response.headers.get('Retry-After')),
    };
  }
  try {
    const { code, message, details } = (await response.json()).error;
    if (status === 400 && code === 'invalid_messages') return invalid(details);
    problem += `, ${code}: ${message}`;
  } catch {
    // Not the collector's JSON error (a proxy's HTML error page): the status says enough.
  }
  return { kind: 'refused', problem };
}

function invalid(rejected: RejectedMessage[]): SendResult {
  const { field, reason } = rejected[0]!;
  return {
    kind: 'invalid',
    // `batch[3].event` → `event`: the same mistake in another position is the same problem.
    problem: `${field.replace(/^batch\[\d+\]\.?/, '')}: ${reason}`,
    count: new Set(rejected.map(({ index }) => index)).size,
  };
}
