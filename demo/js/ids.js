const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * A short random id like `ch_k3v9x0q2m1ab`. crypto.getRandomValues, unlike
 * crypto.randomUUID, also works on plain-http LAN addresses (not a secure context).
 */
export function createId(prefix) {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `${prefix}_${Array.from(bytes, (byte) => ALPHABET[byte % ALPHABET.length]).join('')}`;
}
