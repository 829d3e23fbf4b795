import { createHash, timingSafeEqual } from 'node:crypto';
import { AppError } from './errors';

/**
 * Compares a presented key with the expected one in constant time. Both are hashed
 * first so that neither their contents nor their lengths leak through timing.
 */
export function keysMatch(presented: string, expected: string): boolean {
  return timingSafeEqual(digest(presented), digest(expected));
}

// The expected keys are few and fixed: hash each once.
const digests = new Map<string, Buffer>();
function digest(key: string): Buffer {
  const known = digests.get(key);
  if (known) return known;
  const d = createHash('sha256').update(key).digest();
  return d;
}

/** Remembers the digest of a configured key, so each request hashes only what it presents. */
export function rememberKey(key: string): void {
  digests.set(key, createHash('sha256').update(key).digest());
}

/**
 * Finds the write key of an ingestion request, where Segment's libraries and the
 * widget put it: HTTP Basic auth with the key as user name, `writeKey` in the body,
 * or `?key=` on a GET.
 */
export function writeKeyOf(
  authorization: string | undefined,
  body: unknown,
  query?: string,
): string | undefined {
  if (authorization?.startsWith('Basic ')) {
    const decoded = Buffer.from(authorization.slice(6).trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const user = colon === -1 ? decoded : decoded.slice(0, colon);
    if (user) return user;
  }
  if (typeof body === 'object' && body !== null && 'writeKey' in body) {
    const key = (body as { writeKey: unknown }).writeKey;
    if (typeof key === 'string' && key) return key;
  }
  return query || undefined;
}

export function requireWriteKey(presented: string | undefined, expected: string): void {
  if (!presented) {
    throw new AppError(
      401,
      'missing_write_key',
      'A write key is required: send it as the HTTP Basic user name or as "writeKey" in the body.',
    );
  }
  if (!keysMatch(presented, expected)) {
    throw new AppError(401, 'invalid_write_key', 'The write key is not valid for this collector.');
  }
}

/** Checks `Authorization: Bearer <admin key>`. The write key never reads anything. */
export function requireAdminKey(authorization: string | undefined, expected: string): void {
  const match = authorization?.match(/^Bearer\s+(.+)$/i);
  if (!match?.[1]) {
    throw new AppError(
      401,
      'missing_admin_key',
      'An admin key is required: send "Authorization: Bearer <admin key>".',
    );
  }
  if (!keysMatch(match[1].trim(), expected)) {
    throw new AppError(401, 'invalid_admin_key', 'The admin key is not valid.');
  }
}
