/**
 * A small seeded pseudo-random generator (mulberry32): the same seed gives the same
 * numbers on every run and machine, so a seeded store is the same every time.
 *
 * @example
 * const random = seededRandom(42);
 * random.next(); // 0.6011037519201636, always
 */
export function seededRandom(seed: number) {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    /** True with probability p. */
    chance: (p: number) => next() < p,
    /** A whole number in [min, max]. */
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    /** One of the values, each with its weight. */
    pick<T>(weighted: readonly (readonly [T, number])[]): T {
      const total = weighted.reduce((sum, [, w]) => sum + w, 0);
      let r = next() * total;
      for (const [value, w] of weighted) {
        r -= w;
        if (r < 0) return value;
      }
      return weighted[weighted.length - 1]![0];
    },
    /** An exponentially distributed wait with this mean. */
    wait: (mean: number) => -Math.log(1 - next()) * mean,
  };
}

export type Random = ReturnType<typeof seededRandom>;
