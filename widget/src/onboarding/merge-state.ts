import type { SubjectState } from '../../../core/engine';

const earliest = (a: number | null, b: number | null) =>
  a === null ? b : b === null ? a : Math.min(a, b);
const latest = (a: number | null, b: number | null) =>
  a === null ? b : b === null ? a : Math.max(a, b);

/**
 * Two views of one subject's progress made one: milestones reached in either (at the
 * earlier time), the earlier first-seen and activation, and per milestone the longer list
 * of counted times (the collector's includes every event it acknowledged, ours the ones
 * it has not seen yet). `seen` stays `local`'s: it guards this page's replays. Returns
 * `local` itself when `other` adds nothing, so signals holding it don't change.
 *
 * @example
 * user.value = mergeState(user.value, server.user);
 */
export function mergeState(
  local: SubjectState,
  other: SubjectState | null | undefined,
): SubjectState {
  if (!other || other === local) return local;
  let changed = false;
  const reached = { ...local.reached };
  for (const [id, at] of Object.entries(other.reached ?? {})) {
    const mine = reached[id];
    if (typeof at === 'number' && (mine === undefined || at < mine)) {
      reached[id] = at;
      changed = true;
    }
  }
  const progress = { ...local.progress };
  for (const [id, times] of Object.entries(other.progress ?? {})) {
    if (Array.isArray(times) && times.length > (progress[id]?.length ?? 0)) {
      progress[id] = times;
      changed = true;
    }
  }
  const firstSeen = earliest(local.firstSeen, other.firstSeen ?? null);
  const lastSeen = latest(local.lastSeen, other.lastSeen ?? null);
  const activatedAt = earliest(local.activatedAt, other.activatedAt ?? null);
  if (
    !changed &&
    firstSeen === local.firstSeen &&
    lastSeen === local.lastSeen &&
    activatedAt === local.activatedAt
  ) {
    return local;
  }
  return { firstSeen, lastSeen, reached, activatedAt, progress, seen: local.seen };
}
