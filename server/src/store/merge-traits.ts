import { LIMITS } from '../../../core/events/schema';
import { isObject } from '../ingest/normalize';

export interface TraitLimits {
  keys: number;
  bytes: number;
}

const SUBJECT_LIMITS: TraitLimits = {
  keys: LIMITS.subjectTraitKeys,
  bytes: LIMITS.subjectTraitBytes,
};

/**
 * A user's or account's traits after an identify or group call: the call's traits
 * merged into the kept ones (a JSON merge patch, RFC 7396: `null` removes a trait,
 * objects merge), within the subject's limits. A trait that would make the subject keep
 * more than `keys` traits or `bytes` of JSON is dropped (and named), so what one
 * subject keeps, and so what each merge costs, stays bounded however long its history.
 *
 * @example mergeTraits({ plan: 'free' }, { plan: 'pro', seats: 3 }) // { traits: { plan: 'pro', seats: 3 }, dropped: [] }
 */
export function mergeTraits(
  kept: Record<string, unknown>,
  patch: Record<string, unknown>,
  limits: TraitLimits = SUBJECT_LIMITS,
): { traits: Record<string, unknown>; dropped: string[] } {
  const traits: Record<string, unknown> = { ...kept };
  let count = Object.keys(traits).length;
  let bytes = JSON.stringify(traits).length;
  const dropped: string[] = [];
  for (const [key, value] of Object.entries(patch)) {
    const had = Object.hasOwn(traits, key);
    if (value === null) {
      if (had) {
        bytes -= entryBytes(key, traits[key]);
        delete traits[key];
        count--;
      }
      continue;
    }
    const next =
      isObject(value) && isObject(traits[key])
        ? mergeTraits(traits[key] as Record<string, unknown>, value, {
            keys: Infinity,
            bytes: Infinity,
          }).traits
        : value;
    const delta = entryBytes(key, next) - (had ? entryBytes(key, traits[key]) : 0);
    if ((!had && count >= limits.keys) || bytes + delta > limits.bytes) {
      dropped.push(key);
      continue;
    }
    // defineProperty, so a `__proto__` trait is kept as a trait, not a prototype.
    Object.defineProperty(traits, key, {
      value: next,
      enumerable: true,
      writable: true,
      configurable: true,
    });
    if (!had) count++;
    bytes += delta;
  }
  return { traits, dropped };
}

/** Bytes a key and its value add to the traits' JSON (`"key":value,`). */
function entryBytes(key: string, value: unknown): number {
  return JSON.stringify(key).length + JSON.stringify(value).length + 2;
}
