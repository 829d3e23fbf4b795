import type { Platform } from './platform';

const hex = (byte: number) => (byte + 0x100).toString(16).slice(1);

/**
 * A version 4 UUID: `crypto.randomUUID` where it exists (secure contexts only), else
 * built from `crypto.getRandomValues`, else from `Math.random` — still unique enough for
 * message ids, which the collector only uses to drop retries.
 */
export function uuid(platform: Pick<Platform, 'randomUUID' | 'randomBytes' | 'random'>): string {
  if (platform.randomUUID) {
    try {
      return platform.randomUUID();
    } catch {
      // fall through to the next source
    }
  }
  let bytes: Uint8Array | undefined;
  try {
    bytes = platform.randomBytes?.();
  } catch {
    bytes = undefined;
  }
  if (!bytes || bytes.length < 16) {
    bytes = new Uint8Array(16);
    for (let i = 0; i < 16; i++) bytes[i] = Math.floor(platform.random() * 256);
  }
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  let out = '';
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) out += '-';
    out += hex(bytes[i] ?? 0);
  }
  return out;
}
