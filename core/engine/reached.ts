import { own } from './compare';
import type { Rules } from './compile';
import type { SubjectState } from './subject-state';

/** A user's state, and their account's when they belong to one. */
export interface Subjects {
  user: SubjectState;
  account?: SubjectState | undefined;
}

/**
 * When a milestone was reached, looking in the state of the milestone's scope (the
 * account's for `scope: 'account'`); undefined when it wasn't (or there is no account).
 *
 * @example
 * reachedAt(rules, { user, account }, 'invited_teammate'); // 1767225600000
 */
export function reachedAt(rules: Rules, subjects: Subjects, id: string): number | undefined {
  const state = rules.milestones.get(id)?.scope === 'account' ? subjects.account : subjects.user;
  return state ? own(state.reached, id) : undefined;
}
