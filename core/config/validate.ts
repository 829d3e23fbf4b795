import type { z } from 'zod';
import { crossCheck } from './cross-checks';
import { closest } from './did-you-mean';
import { configJsonSchema } from './json-schema';
import { lenientConfig } from './lenient';
import { type AhakitConfig, configObject, configSchema } from './schema';
import { keysAt } from './schema-at';

/** One thing wrong with a config: where, what was expected, and what was found. */
export interface ConfigProblem {
  /** Where the problem is, like `widget.batchSize` or `checklists[0].items[2]`. */
  path: string;
  /** What is wrong, in a few words. */
  message: string;
  expected?: string;
  received?: string;
  /** A likely intended key, value or id, when the one found looks like a typo of it. */
  didYouMean?: string;
}

export type ConfigResult =
  | { ok: true; config: AhakitConfig }
  | { ok: false; problems: ConfigProblem[] };

/**
 * Validates a parsed config and lists every problem in one pass, not just the first and
 * not in rounds: the shape of every section, and the checks across sections (unknown
 * milestone and signal ids, loops, locales) on the parts whose shape is right. Unknown
 * keys, values and ids come with a "did you mean" when one is close.
 *
 * @example
 * const result = validateConfig(JSON.parse(text));
 * if (!result.ok) for (const p of result.problems) console.error(formatProblem(p));
 */
export function validateConfig(input: unknown): ConfigResult {
  const parsed = configSchema.safeParse(input);
  if (parsed.success) return { ok: true, config: parsed.data };
  const schema = configJsonSchema();
  const problems = parsed.error.issues.flatMap((issue) => toProblems(issue, input, schema, []));
  // The shape failed, so the checks across sections did not run: run them on what is right.
  if (!configObject.safeParse(input).success) {
    const lenient = lenientConfig(input);
    if (lenient) {
      const across: z.core.$ZodIssue[] = [];
      crossCheck(lenient.config, {
        addIssue: (issue) => across.push({ ...issue, input: undefined } as z.core.$ZodIssue),
      });
      for (const issue of across) {
        const original = { ...issue, path: lenient.originalPath(issue.path) } as z.core.$ZodIssue;
        const path = formatPath(original.path);
        const within = (p: string) =>
          path === p || path.startsWith(`${p}.`) || path.startsWith(`${p}[`);
        if (lenient.standIns.some(within)) continue;
        // A reference stands on its own; a check of a whole item (its points, its order)
        // would judge what is left of an item that lost a broken part.
        const item = topItem(path);
        if (!/^unknown /.test(issue.message) && lenient.pruned.some((p) => topItem(p) === item))
          continue;
        problems.push(...toProblems(original, input, schema, []));
      }
      for (const p of problems) suggestId(p, lenient.config);
    }
  }
  return { ok: false, problems: dedupe(fold(problems)) };
}

type Schema = Record<string, unknown>;

/** `pql[0]` of `pql[0].intent[1].signal`: the section's item a path is in. */
function topItem(path: string): string {
  return /^[^.[]+(\[\d+\])?/.exec(path)?.[0] ?? path;
}

function toProblems(
  issue: z.core.$ZodIssue,
  input: unknown,
  schema: Schema,
  prefix: readonly PropertyKey[],
): ConfigProblem[] {
  const at = [...prefix, ...issue.path];
  const path = formatPath(at);
  if (issue.code === 'unrecognized_keys') {
    const allowed = keysAt(schema, at);
    return issue.keys.map((key) => {
      const problem: ConfigProblem = { path, message: `unknown key "${key}"` };
      const guess = closest(key, allowed);
      if (guess) problem.didYouMean = guess;
      return problem;
    });
  }
  if (issue.code === 'invalid_union') {
    const options = (issue as { options?: unknown[] }).options;
    if (Array.isArray(options)) {
      const value = valueAt(input, at);
      const problem: ConfigProblem = {
        path,
        message: 'not an allowed value',
        expected: options.map((v) => JSON.stringify(v)).join(' | '),
        received: describeValue(value),
      };
      const guess = typeof value === 'string' ? closest(value, options.map(String)) : undefined;
      if (guess) problem.didYouMean = guess;
      return [problem];
    }
    // An object that fits none of its shapes: what is wrong against the closest one.
    const branches = issue.errors
      .map((errors) => fold(errors.flatMap((e) => toProblems(e, input, schema, at))))
      .filter((b) => b.length > 0);
    if (branches.length > 0) {
      return branches.reduce((best, b) => (b.length < best.length ? b : best));
    }
  }
  const value = valueAt(input, at);
  const missing = issue.code === 'invalid_type' && value === undefined;
  const problem: ConfigProblem = missing
    ? { path, message: 'required' }
    : { path, message: MESSAGES[issue.code] ?? issue.message, received: describeValue(value) };
  const expected = expectedOf(issue);
  if (expected) problem.expected = expected;
  if (issue.code === 'invalid_value' && typeof value === 'string') {
    const guess = closest(value, issue.values.map(String));
    if (guess) problem.didYouMean = guess;
  }
  return [problem];
}

/**
 * A typo in a key shows as two problems: an unknown key and a required one missing. When
 * the unknown key's best guess is the missing key, only the unknown key is reported.
 */
function fold(problems: ConfigProblem[]): ConfigProblem[] {
  const guessed = new Set(
    problems
      .filter((p) => p.didYouMean && p.message.startsWith('unknown key'))
      .map((p) => (p.path === '(root)' ? p.didYouMean! : `${p.path}.${p.didYouMean}`)),
  );
  return problems.filter((p) => !(p.message === 'required' && guessed.has(p.path)));
}

function dedupe(problems: ConfigProblem[]): ConfigProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = formatProblem(p);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const ID_KINDS: Record<string, (c: AhakitConfig) => string[]> = {
  milestone: (c) => c.milestones.map((m) => m.id),
  signal: (c) => [...(c.signals ?? []).map((s) => s.id), 'talk_to_sales'],
  'PQL definition': (c) => c.pql.map((d) => d.id),
};

/** `unknown milestone "mesages_sent"` → did you mean "messages_sent". */
function suggestId(problem: ConfigProblem, config: AhakitConfig): void {
  const match = /^unknown (milestone|signal|PQL definition) "([^"]+)"/.exec(problem.message);
  if (!match || problem.didYouMean) return;
  const ids = ID_KINDS[match[1]!]?.(config) ?? [];
  const guess = closest(
    match[2]!,
    ids.filter((id) => !id.startsWith('$')),
  );
  if (guess) problem.didYouMean = guess;
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
  const guess = problem.didYouMean ? `; did you mean "${problem.didYouMean}"?` : '';
  return `${problem.path}: ${problem.message}${detail ? ` — ${detail}` : ''}${guess}`;
}

const MESSAGES: Partial<Record<z.core.$ZodIssue['code'], string>> = {
  invalid_type: 'wrong type',
  invalid_value: 'not an allowed value',
  too_small: 'too small',
  too_big: 'too large',
  invalid_union: 'matches none of the allowed shapes',
};

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
