import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header that carries the signature: `t=<unix seconds>,v1=<hex HMAC-SHA256>`. */
export const SIGNATURE_HEADER = 'ahakit-signature';

/**
 * Signs a request body, Stripe style: the HMAC-SHA256, under the webhook's secret, of
 * the timestamp, a dot and the exact body bytes. The timestamp is signed too, so a
 * captured request cannot be replayed later than the receiver's tolerance.
 *
 * @example signatureHeader('whsec_…', body, Date.now()) // 't=1767225600,v1=5f2b…'
 */
export function signatureHeader(secret: string, body: string, nowMs: number): string {
  const t = Math.floor(nowMs / 1000);
  return `t=${t},v1=${hmac(secret, `${t}.${body}`)}`;
}

/**
 * Checks an `ahakit-signature` header against the raw body as received (before any JSON
 * parsing: re-serialising changes the bytes). True when one `v1` signature matches and
 * the timestamp is within `toleranceSeconds` of now. Compares in constant time.
 *
 * @example
 * const ok = verifySignature(process.env.AHAKIT_WEBHOOK_SECRET!,
 *   req.headers['ahakit-signature'], rawBody, 300);
 */
export function verifySignature(
  secret: string,
  header: string | null | undefined,
  body: string,
  toleranceSeconds = 300,
  nowMs = Date.now(),
): boolean {
  if (!header) return false;
  let t: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const [key, value] = part.trim().split('=', 2);
    if (key === 't' && value && /^\d+$/.test(value)) t = Number(value);
    else if (key === 'v1' && value) signatures.push(value);
  }
  if (t === undefined || signatures.length === 0) return false;
  if (Math.abs(nowMs / 1000 - t) > toleranceSeconds) return false;
  const expected = Buffer.from(hmac(secret, `${t}.${body}`), 'hex');
  return signatures.some((s) => {
    const given = Buffer.from(s, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

function hmac(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text, 'utf8').digest('hex');
}
