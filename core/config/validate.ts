import type { z } from 'zod';
import { type AhakitConfig, configSchema } from './schema';

/** One thing wrong with a config: where, what was expected, and what was found. */
export interface ConfigProblem {
  /** Where the problem is, like `widget.batchSize` or `checklists[0].items[2]`. */
  path: string;
  /** What is wrong, in a few words. */
  message: string;
  expected?: string;
  received?: string;
}

export type ConfigResult =
  | { ok: true; config: AhakitConfig }
  | { ok: false; problems: ConfigProblem[] };

/**
 * Validates a parsed config and lists every problem, not just the first.
 *
 * @example
 * const result = validateConfig(JSON.parse(text));
 * if (!result.ok) for (const p of result.problems) console.error(formatProblem(p));
 */
export function validateConfig(input: unknown): ConfigResult {
  const parsed = configSchema.safeParse(input);
  if (parsed.success) return { ok: true, config: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((issue) => toProblem(issue, input)) };
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || '(root)';
}

/** One line for a problem: `widget.batchSize: wrong type — expected number, received string "20"`. */
export function formatProblem(problem: ConfigProblem): string {
  const parts = [
    problem.expected && `expected ${problem.expected}`,
    problem.received && `received ${problem.received}`,
  ];
  const detail = parts.filter(Boolean).join(', ');
  return `${problem.path}: ${problem.message}${detail ? ` — ${detail}` : ''}`;
}

const MESSAGES: Partial<Record<z.core.$ZodIssue['code'], string>> = {
  invalid_type: 'wrong type',
  invalid_value: 'not an allowed value',
  too_small: 'too small',
  too_big: 'too large',
  invalid_union: 'matches none of the allowed shapes',
};

function toProblem(issue: z.core.$ZodIssue, input: unknown): ConfigProblem {
  const path = formatPath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => `"${k}"`).join(', ');
    return { path, message: `unknown key${issue.keys.length > 1 ? 's' : ''} ${keys}` };
  }
  const problem: ConfigProblem = {
    path,
    message: MESSAGES[issue.code] ?? issue.message,
    received: describeValue(valueAt(input, issue.path)),
  };
  const expected = expectedOf(issue);
  if (expected) problem.expected = expected;
  return problem;
}

function expectedOf(issue: z.core.$ZodIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return String(issue.expected);
    case 'invalid_value':
      return issue.values.map((v) => JSON.stringify(v)).join(' | ');
    case 'too_small':
      return bound('at least', '>=', issue.origin, issue.minimum);
    case 'too_big':
      return bound('at most', '<=', issue.origin, issue.maximum);
    default:
      return undefined;
  }
}

function bound(words: string, sign: string, origin: string, limit: number | bigint): string {
  if (origin === 'string') return `${words} ${limit} character${limit === 1 ? '' : 's'}`;
  if (origin === 'array' || origin === 'set')
    return `${words} ${limit} item${limit === 1 ? '' : 's'}`;
  return `${sign} ${limit}`;
}

/** The value found at a zod issue's path, or undefined. */
export function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value: unknown = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing (missing)';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  return `${typeof value} ${text.length > 60 ? `${text.slice(0, 57)}...` : text}`;
}
