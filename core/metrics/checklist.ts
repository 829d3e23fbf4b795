export interface ChecklistItemCounts {
  checklist: string;
  item: string;
  /** Users the item applied to (saw the checklist and matched the item's audience). */
  eligible: number;
  completed: number;
}

export interface ChecklistItemCompletion extends ChecklistItemCounts {
  /** completed ÷ eligible; null when nobody was eligible. */
  rate: number | null;
}

/**
 * Each checklist item's completion rate, in the order given.
 *
 * @example
 * checklistCompletion([{ checklist: 'getting_started', item: 'invite', eligible: 200, completed: 50 }]);
 * // [{ checklist: 'getting_started', item: 'invite', eligible: 200, completed: 50, rate: 0.25 }]
 */
export function checklistCompletion(
  items: readonly ChecklistItemCounts[],
): ChecklistItemCompletion[] {
  return items.map((row) => {
    const { eligible, completed } = row;
    if (!isCount(eligible) || !isCount(completed)) {
      throw new RangeError(`${row.checklist}.${row.item}: counts must be whole numbers ≥ 0`);
    }
    return { ...row, rate: eligible > 0 ? completed / eligible : null };
  });
}

function isCount(n: number): boolean {
  return Number.isInteger(n) && n >= 0;
}
