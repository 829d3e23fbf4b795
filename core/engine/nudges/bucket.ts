import type { NudgeExperiment } from '../../config/nudges';

const encoder = /* @__PURE__ */ new TextEncoder();

/**
 * A user's place in an experiment, a number in [0, 1): FNV-1a (32-bit) over the UTF-8
 * bytes of `${seed}:${userId}`, then murmur3's 32-bit finalizer (FNV alone spreads ids
 * that differ only in their last character poorly), divided by 2³². Plain integer
 * arithmetic, so the browser, the collector and any other language get the same number.
 *
 * @example
 * bucket('upgrade_at_limit', 'u_42'); // 0.6178… — the same on every run and every host
 */
export function bucket(seed: string, userId: string): number {
  let h = 0x811c9dc5;
  for (const byte of encoder.encode(`${seed}:${userId}`)) {
    h = Math.imul(h ^ byte, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4_294_967_296;
}

/**
 * Whether a user is held back by an experiment: the first `control` share of buckets is
 * the control group. `seed` defaults to the nudge id, which the caller passes.
 *
 * @example
 * inControl({ control: 0.5 }, 'u_42', 'upgrade_at_limit'); // false: this user sees the prompt
 */
export function inControl(
  experiment: NudgeExperiment | undefined,
  userId: string,
  defaultSeed = '',
): boolean {
  if (!experiment) return false;
  return bucket(experiment.seed ?? defaultSeed, userId) < experiment.control;
}
