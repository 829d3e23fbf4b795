import type { Change } from './changes';
import { appendChecklistChanges } from './checklist-changes';
import type { Properties } from './compare';
import type { Rules } from './compile';
import { SubjectDraft } from './draft';
import { Pass } from './pass';
import { insertTime, pruneTimes, reachTime } from './progress';
import type { Subjects } from './reached';
import { hasSeen } from './seen';
import type { SubjectState } from './subject-state';

/** One event, as the widget, the collector or the simulator hands it to the engine. */
export interface EngineEvent {
  /** Unique per event; a replay with a known id changes nothing. */
  messageId: string;
  /** `track`, `page`, `identify`, `group`…; only `track` counts toward event milestones. */
  type: string;
  /** The tracked event's name (`track` only). */
  event?: string | undefined;
  properties?: Properties | undefined;
  /** When it happened, in ms since the epoch (not when it was received). */
  timestamp: number;
  userId?: string | null | undefined;
  /** The account (workspace) the user acted in; account-scope milestones need it. */
  accountId?: string | null | undefined;
}

export interface Applied {
  user: SubjectState;
  /** Present when an account state was passed in. */
  account?: SubjectState;
  changes: Change[];
}

const NONE: readonly never[] = [];

/**
 * Applies one event to a user's state and their account's, and says what it decided.
 * Pure: the states passed in are not modified; the ones returned share every part that
 * did not change (a replayed event returns the very same objects). Events may arrive in
 * any order: times come from `event.timestamp`, and a late event can only move things
 * earlier, never undo them. The work depends on the rules that watch this event, not on
 * how many others the config has.
 *
 * @example
 * const { user, account, changes } = applyEvent(rules, { user: u, account: a }, {
 *   messageId: 'm-1', type: 'track', event: 'channel_created', timestamp: Date.now(),
 *   userId: 'u1', accountId: 'acme',
 * });
 * // changes: [{ kind: 'milestone', id: 'first_channel', scope: 'user', at: … }, …]
 */
export function applyEvent(rules: Rules, states: Subjects, event: EngineEvent): Applied {
  const applied = applyMilestones(rules, states, event);
  if (applied.changes.length > 0) appendChecklistChanges(rules, states, applied, applied.changes);
  return applied;
}

/**
 * `applyEvent` without the checklist changes: the same states, and only the milestone and
 * activation changes. For a host that draws its checklists from the states anyway (the
 * widget), which then carries none of the checklist bookkeeping.
 *
 * @example
 * const { user, changes } = applyMilestones(rules, { user: u }, event);
 */
export function applyMilestones(rules: Rules, states: Subjects, event: EngineEvent): Applied {
  const { user, account } = states;
  const { messageId, timestamp: t } = event;
  const userDraft = hasSeen(user.seen, messageId) ? null : new SubjectDraft(user, rules.seenLimit);
  // Without an account id the event says nothing about an account, even if one is passed.
  const accountDraft =
    account && event.accountId && !hasSeen(account.seen, messageId)
      ? new SubjectDraft(account, rules.seenLimit)
      : null;
  if (!Number.isFinite(t) || (!userDraft && !accountDraft)) return result(user, account, []);

  userDraft?.see(messageId, t);
  accountDraft?.see(messageId, t);
  const pass = new Pass(rules, user, account, userDraft, accountDraft);

  if (event.type === 'track' && event.event !== undefined) {
    for (const m of rules.byEvent.get(event.event) ?? NONE) {
      const draft = pass.draftFor(m.scope);
      if (!draft || !m.matches(event.properties)) continue;
      const before = draft.reachedAt(m.id);
      // Only an event older than the time a milestone was reached can move it.
      if (before !== undefined && t >= before) continue;
      const times = insertTime(draft.times(m.id), t);
      const at = reachTime(m, times, draft.firstSeen);
      if (at !== null && (before === undefined || at < before)) {
        pass.reach(draft, m.id, m.scope, at);
      } else {
        draft.setTimes(m.id, pruneTimes(m, times, draft.firstSeen, before));
      }
    }
  }
  if (pass.milestones.length > 0 || (account && rules.crossScope.length > 0)) pass.cascade();

  const changes: Change[] = [...pass.milestones];
  if (rules.activation && userDraft) {
    const activation = pass.activate(rules.activation, userDraft);
    if (activation) changes.push(activation);
  }

  return result(
    userDraft?.finish() ?? user,
    account && (accountDraft?.finish() ?? account),
    changes,
  );
}

function result(user: SubjectState, account: SubjectState | undefined, changes: Change[]): Applied {
  return account === undefined ? { user, changes } : { user, account, changes };
}
