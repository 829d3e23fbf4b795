import type { Checklist } from '../config/checklists';
import { type Change, moved } from './changes';
import type { Rules } from './compile';
import { reachedAt, type Subjects } from './reached';

const NONE: readonly never[] = [];

/**
 * Appends to `changes` what its milestone changes did to checklists: each item they
 * completed, then each checklist they completed (or completed earlier than before),
 * judged from the states before and after the event.
 *
 * @example
 * appendChecklistChanges(rules, { user }, applied, applied.changes);
 */
export function appendChecklistChanges(
  rules: Rules,
  before: Subjects,
  after: Subjects,
  changes: Change[],
): void {
  const touched = new Set<Checklist>();
  const found: Change[] = [];
  for (const change of changes) {
    if (change.kind !== 'milestone') continue;
    for (const { checklist, item } of rules.itemsByMilestone.get(change.id) ?? NONE) {
      found.push({
        kind: 'checklist_item',
        checklistId: checklist.id,
        itemId: item.id,
        at: change.at,
        ...moved(change.moved === true),
      });
      touched.add(checklist);
    }
  }
  /** When the last item's milestone was reached, if every one is. */
  const completedAt = (checklist: Checklist, subjects: Subjects) => {
    let at = Number.NEGATIVE_INFINITY;
    for (const { milestone } of checklist.items) {
      const r = reachedAt(rules, subjects, milestone);
      if (r === undefined) return undefined;
      if (r > at) at = r;
    }
    return at;
  };
  for (const checklist of touched) {
    const at = completedAt(checklist, after);
    if (at === undefined) continue;
    const was = completedAt(checklist, before);
    if (was !== undefined && at >= was) continue;
    found.push({
      kind: 'checklist_complete',
      checklistId: checklist.id,
      at,
      ...moved(was !== undefined),
    });
  }
  changes.push(...found);
}
