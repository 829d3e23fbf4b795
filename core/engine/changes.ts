import type { Scope } from './compile';

/** `moved: true` when an event that arrived late moved an earlier time earlier still. */
export type Moved = { moved?: true };

/** A milestone reached (or, with `moved`, found to have been reached earlier). */
export type MilestoneChange = { kind: 'milestone'; id: string; scope: Scope; at: number } & Moved;
/** The user reached the aha moment; `ttvMs` = `at` − first seen. */
export type ActivationChange = { kind: 'activation'; at: number; ttvMs: number } & Moved;
export type ChecklistItemChange = {
  kind: 'checklist_item';
  checklistId: string;
  itemId: string;
  at: number;
} & Moved;
export type ChecklistCompleteChange = {
  kind: 'checklist_complete';
  checklistId: string;
  at: number;
} & Moved;

/** Something an event decided, in this order: milestones, activation, checklist items, checklists. */
export type Change =
  | MilestoneChange
  | ActivationChange
  | ChecklistItemChange
  | ChecklistCompleteChange;

export const moved = (earlier: boolean): Moved => (earlier ? { moved: true } : {});
