/**
 * A version 4 UUID, from `crypto.getRandomValues`: `crypto.randomUUID` exists only in
 * secure contexts, and a plain-http intranet page is not one. Each `0`, `1` and `8` of the
 * template becomes a random hex digit (the `8` one of 8 to b, the variant); the `4` is the
 * version.
 */
export const uuid = (): string =>
  '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (digit) => {
    const n = Number(digit);
    return (n ^ (crypto.getRandomValues(new Uint8Array(1))[0]! & (15 >> (n / 4)))).toString(16);
  });
