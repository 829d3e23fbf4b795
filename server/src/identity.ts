import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The hash that proves a user id came from the host's backend: hex HMAC-SHA256 of the
 * id under `AHAKIT_IDENTITY_SECRET`, as Intercom's and Userflow's identity verification
 * compute it. The host's server computes it and hands it to the page, which passes it
 * to `identify(userId, traits, { userHash })`.
 *
 * @example userHash(process.env.AHAKIT_IDENTITY_SECRET, 'user_42') // '5f1c…' (64 hex digits)
 */
export function userHash(secret: string, userId: string): string {
  return createHmac('sha256', secret).update(userId).digest('hex');
}

/** Whether `presented` is the user id's hash, compared in constant time. */
export function verifyUserHash(secret: string, userId: string, presented: unknown): boolean {
  if (typeof presented !== 'string' || !/^[0-9a-f]{64}$/i.test(presented)) return false;
  const expected = Buffer.from(userHash(secret, userId), 'utf8');
  return timingSafeEqual(expected, Buffer.from(presented.toLowerCase(), 'utf8'));
}
