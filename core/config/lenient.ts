import type { z } from 'zod';
import { type AhakitConfig, configObject } from './schema';

/** Sections whose items other sections refer to by id, with a stand-in for a broken item. */
const STAND_INS: Record<string, (id: string) => Record<string, unknown>> = {
  milestones: (id) => ({ id, event: '$stand_in' }),
  signals: (id) => ({ id, type: 'event', event: '$stand_in' }),
  pql: (id) => ({ id, threshold: 0 }),
};

type Path = readonly PropertyKey[];

export interface LenientConfig {
  config: AhakitConfig;
  /** Turns a path in `config` back into the path in the input (items left out shift indexes). */
  originalPath(path: Path): PropertyKey[];
  /** Input paths of the items stood in for: their own problems are the shape's. */
  standIns: string[];
  /** Input paths of what was left out. */
  pruned: string[];
}

/**
 * The config with its broken parts pruned, so that the checks across sections (ids that
 * must exist, loops, locales) can run in the same pass as the shape checks: a config is
 * reported whole, not in rounds. Pruning goes as deep as it can: an unknown key is
 * dropped, a broken rule is left out of its list, and only an item that cannot stand
 * without the broken part goes — replaced, when others refer to it by id, by a stand-in
 * with that id, so references to it are not reported as unknown as well. Null when even
 * that does not make a config.
 */
export function lenientConfig(input: unknown): LenientConfig | null {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return null;
  const work = structuredClone(input) as Record<string, unknown>;
  if (!isRecord(work.product)) work.product = { name: 'config' };
  /** Array path (input coordinates) → the input indexes left out of it. */
  const removed = new Map<string, number[]>();
  const standIns: string[] = [];
  const pruned: string[] = [];
  const originalPath = (path: Path): PropertyKey[] => {
    const out: PropertyKey[] = [];
    for (const key of path) {
      if (typeof key === 'number') {
        const gone = removed.get(JSON.stringify(out)) ?? [];
        let index = -1;
        for (let left = key; left >= 0; ) {
          index++;
          if (!gone.includes(index)) left--;
        }
        out.push(index);
      } else out.push(key);
    }
    return out;
  };

  for (let round = 0; round < 8; round++) {
    const parsed = configObject.safeParse(work);
    if (parsed.success) return { config: parsed.data, originalPath, standIns, pruned };
    // Deepest first, and within an array from the end, so earlier removals shift nothing.
    const fixes = parsed.error.issues
      .map((issue) => fixOf(issue, work))
      .filter((f): f is Fix => f !== null)
      .sort((a, b) => b.path.length - a.path.length || compareIndex(b.path, a.path));
    if (fixes.length === 0) return null;
    const done = new Set<string>();
    for (const fix of fixes) {
      const key = JSON.stringify(fix.path);
      if (done.has(key)) continue;
      done.add(key);
      apply(fix);
    }
  }
  return null;

  function apply(fix: Fix): void {
    if (fix.kind === 'keys' && fix.path.length === 0) {
      for (const k of fix.keys) delete work[k];
      return;
    }
    const parent = valueAt(work, fix.path.slice(0, -1));
    const last = fix.path[fix.path.length - 1]!;
    pruned.push(formatPath(originalPath(fix.path)));
    if (fix.kind === 'keys' && isRecord(parent)) {
      const target = parent[last as string];
      if (isRecord(target)) for (const k of fix.keys) delete target[k];
      return;
    }
    if (Array.isArray(parent) && typeof last === 'number') {
      const original = originalPath(fix.path);
      const section = fix.path.length === 2 ? String(fix.path[0]) : '';
      const id = (parent[last] as { id?: unknown } | undefined)?.id;
      const standIn = STAND_INS[section];
      if (standIn && typeof id === 'string' && !String(id).startsWith('$stand_in')) {
        parent[last] = standIn(id);
        standIns.push(formatPath(original));
        return;
      }
      parent.splice(last, 1);
      const arrayKey = JSON.stringify(original.slice(0, -1));
      removed.set(arrayKey, [...(removed.get(arrayKey) ?? []), original.at(-1) as number]);
      return;
    }
    if (isRecord(parent)) delete parent[last as string];
  }
}

type Fix =
  | { kind: 'keys'; path: PropertyKey[]; keys: string[] }
  | { kind: 'drop'; path: PropertyKey[] };

/** What to prune for an issue: unknown keys, else the nearest list item holding it, else the key. */
function fixOf(issue: z.core.$ZodIssue, work: unknown): Fix | null {
  const path = [...issue.path];
  if (issue.code === 'unrecognized_keys') return { kind: 'keys', path, keys: issue.keys };
  if (path.length === 0) return null;
  // A value that is present and optional can go; anything else takes its list item with it.
  for (let i = path.length - 1; i >= 1; i--) {
    if (typeof path[i] === 'number') return { kind: 'drop', path: path.slice(0, i + 1) };
  }
  return valueAt(work, path) === undefined ? null : { kind: 'drop', path };
}

function compareIndex(a: Path, b: Path): number {
  const x = a[a.length - 1];
  const y = b[b.length - 1];
  return typeof x === 'number' && typeof y === 'number' ? x - y : 0;
}

function valueAt(input: unknown, path: Path): unknown {
  let value: unknown = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function formatPath(path: Path): string {
  let out = '';
  for (const key of path)
    out += typeof key === 'number' ? `[${key}]` : out ? `.${String(key)}` : String(key);
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
