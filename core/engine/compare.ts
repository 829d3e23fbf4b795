import type { ComparisonOp } from '../config/conditions';

/** Event properties or traits: plain JSON-like data. */
export type Properties = Readonly<Record<string, unknown>>;

type Scalar = string | number | boolean | null;
/** What a filter or an audience rule compares with. */
export type Expected = Scalar | readonly Scalar[] | undefined;

// `Object.hasOwn` is ES2022; the widget targets ES2020 browsers.
const ownProperty = Object.prototype.hasOwnProperty;

/**
 * Whether `key` is an own property of `record`. Milestone ids and property names such as
 * "constructor" or "toString" are legal, and a plain `record[key]` would find
 * `Object.prototype`'s instead of nothing.
 */
export function hasOwn(record: object, key: string): boolean {
  return ownProperty.call(record, key);
}

/** `record[key]` if it is an own property, else `undefined`. */
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return ownProperty.call(record, key) ? record[key] : undefined;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/**
 * A reader for a property path. A property literally named `path` wins; otherwise dots
 * reach nested objects (and array indexes): `"page.path"`, `"items.0.sku"`.
 */
export function pathReader(path: string): (source: unknown) => unknown {
  const keys = path.split('.');
  return (source) => {
    if (!isObject(source)) return undefined;
    if (hasOwn(source, path)) return source[path];
    if (keys.length === 1) return undefined;
    let value: unknown = source;
    for (const key of keys) {
      if (!isObject(value) || !hasOwn(value, key)) return undefined;
      value = value[key];
    }
    return value;
  };
}

/**
 * Compares one value the way filters and audience rules do. No type coercion: `5` is
 * not `"5"`, and `gt`/`gte`/`lt`/`lte` hold only between two numbers. A missing value
 * (`undefined`) passes only `neq`, `nin` and `exists: false`; for `exists`, `null` counts
 * as missing too, as "is set" does in analytics tools.
 */
export function compare(op: ComparisonOp, actual: unknown, expected: Expected): boolean {
  if (actual === undefined)
    return op === 'neq' || op === 'nin' || (op === 'exists' && expected === false);
  switch (op) {
    case 'eq':
      return same(actual, expected);
    case 'neq':
      return !same(actual, expected);
    case 'gt':
      return typeof actual === 'number' && typeof expected === 'number' && actual > expected;
    case 'gte':
      return typeof actual === 'number' && typeof expected === 'number' && actual >= expected;
    case 'lt':
      return typeof actual === 'number' && typeof expected === 'number' && actual < expected;
    case 'lte':
      return typeof actual === 'number' && typeof expected === 'number' && actual <= expected;
    case 'in':
      return oneOf(actual, expected);
    case 'nin':
      return !oneOf(actual, expected);
    case 'contains':
      if (typeof actual === 'string')
        return typeof expected === 'string' && actual.includes(expected);
      return Array.isArray(actual) && actual.some((member) => same(member, expected));
    case 'exists':
      return (actual !== null) === (expected !== false);
  }
}

function same(actual: unknown, expected: unknown): boolean {
  if (Array.isArray(actual) && Array.isArray(expected)) {
    return actual.length === expected.length && actual.every((v, i) => same(v, expected[i]));
  }
  return actual === expected;
}

function oneOf(actual: unknown, expected: Expected): boolean {
  if (expected === undefined) return false;
  if (!Array.isArray(expected)) return same(actual, expected);
  return expected.some((candidate) => same(actual, candidate));
}
