import {
  type CompiledPql,
  nextExpiry,
  qualificationChange,
  qualifiedSince,
  scorePql,
  type TraitTimeline,
} from '../../../core/engine';
import type { Properties } from '../../../core/engine/compare';
import type { Decision, PqlScoreRow, Store, SubjectKind, SubjectRecord } from '../store/store';

export interface ScoreInput {
  store: Store;
  pql: CompiledPql;
  read: (kind: SubjectKind, id: string) => Promise<SubjectRecord | null>;
  subjects: SubjectRecord[];
  /** The wall clock: what a score says is true now. */
  now: number;
  /** The event position the scores follow from, for the decisions' record. */
  cursor: number;
  /**
   * When an account was activated: accounts reach no aha moment of their own, so it is
   * the first time one of their users did.
   */
  accountActivatedAt: (accountId: string) => Promise<number | null>;
}

/**
 * Scores each changed user and account against the PQL definitions of its scope, with
 * the traits the collector knows (and, for an account, the first activation of one of
 * its users), and records a `pql.qualified` decision when a subject qualifies (the first
 * qualification time is kept for good).
 *
 * A score says what holds now; a qualification is dated in event time, by the event that
 * made it (`qualifiedSince`, with the traits as they stood then). So back-dated events
 * qualify a lead when they happened — even one whose evidence has expired since, or whose
 * workspace has upgraded since — and projecting the same events again after a rules
 * change dates it the same.
 */
export async function scoreSubjects(
  input: ScoreInput,
): Promise<{ scores: PqlScoreRow[]; decisions: Decision[] }> {
  const { store, pql, now } = input;
  const scores: PqlScoreRow[] = [];
  const decisions: Decision[] = [];
  const definitions = [...pql.definitions.values()];
  let done = 0;
  for (const subject of input.subjects) {
    // Scoring reads the store for each subject: let ingestion in between.
    if (++done % 100 === 0) await new Promise((resolve) => setImmediate(resolve));
    const own = definitions.filter((d) => d.scope === subject.kind);
    if (own.length === 0) continue;
    const accountId =
      subject.kind === 'account' ? subject.id : await store.latestAccount(subject.id);
    const [latestTraits, latestAccountTraits, account, previous, activatedAt] = await Promise.all([
      subject.kind === 'user' ? store.traitsOf('user', subject.id) : Promise.resolve(undefined),
      accountId ? store.traitsOf('account', accountId) : Promise.resolve(undefined),
      subject.kind === 'user' && accountId
        ? input.read('account', accountId)
        : Promise.resolve(null),
      store.pqlScoresOf(subject.kind, subject.id),
      subject.kind === 'account' && own.some((d) => d.readsActivation)
        ? input.accountActivatedAt(subject.id)
        : Promise.resolve(undefined),
    ]);
    const before = new Map(previous.map((r) => [r.definition, r]));
    const at = now;
    const expiry = nextExpiry(pql, subject.pql, at);
    const timeline = await traitTimeline(
      store,
      subject.kind === 'user' ? subject.id : null,
      accountId,
      { traits: latestTraits, accountTraits: latestAccountTraits },
      now,
    );
    const { traits, accountTraits } = timeline.at(at);
    for (const definition of own) {
      const scoreInput = {
        state: subject.pql,
        traits,
        accountTraits,
        subject: subject.state,
        account: account?.state,
        activatedAt,
        now: at,
      };
      const score = scorePql(pql, definition.id, scoreInput);
      const prev = before.get(definition.id) ?? null;
      // Look for the event that qualified the subject when it never did before: it may
      // have qualified and stopped since (a workspace that upgraded, a window that ran
      // out), which a replay or a backfill scores in one go, and late events may be old.
      // One that qualifies again is dated by the events since the last scoring.
      const never = (prev?.firstQualifiedAt ?? null) === null;
      const qualifiedAt =
        never || (score.qualifies && !prev?.qualifies)
          ? qualifiedSince(
              pql,
              definition.id,
              scoreInput,
              never ? undefined : prev?.scoredAt,
              timeline,
            )
          : null;
      const change = qualificationChange(prev, score, qualifiedAt ?? at);
      const firstQualifiedAt = change.firstQualifiedAt ?? qualifiedAt;
      scores.push({
        definition: definition.id,
        kind: subject.kind,
        id: subject.id,
        score: score.score,
        fit: score.fit,
        value: score.value,
        intent: score.intent,
        qualifies: score.qualifies,
        firstQualifiedAt,
        scoredAt: at,
        nextExpiry: expiry,
        reasons: score.reasons,
      });
      const decision = (kind: string, when: number): Decision => ({
        kind,
        subjectKind: subject.kind,
        subjectId: subject.id,
        ref: definition.id,
        at: when,
        detail: { score: score.score, threshold: score.threshold, reasons: score.reasons },
        eventSeq: input.cursor,
      });
      if (change.became === 'qualified')
        decisions.push(decision('pql.qualified', qualifiedAt ?? at));
      else if (change.became === 'unqualified') decisions.push(decision('pql.unqualified', at));
      else if (!score.qualifies && !prev?.qualifies && qualifiedAt !== null)
        decisions.push(decision('pql.qualified', qualifiedAt));
    }
  }
  return { scores, decisions };
}

/**
 * A subject's traits (and its account's) as they stood at any time, from the identify and
 * group calls in event-time order; the stored traits when there is no such call (traits
 * the store got another way).
 */
async function traitTimeline(
  store: Store,
  userId: string | null,
  accountId: string | null,
  latest: { traits: Properties | undefined; accountTraits: Properties | undefined },
  now: number,
): Promise<TraitTimeline> {
  const [users, accounts] = await Promise.all([
    userId ? store.traitHistory('user', userId, now) : Promise.resolve([]),
    accountId ? store.traitHistory('account', accountId, now) : Promise.resolve([]),
  ]);
  const asOf = (
    history: { at: number; traits: Properties }[],
    fallback: Properties | undefined,
    t: number,
  ): Properties | undefined => {
    if (history.length === 0) return fallback;
    let found: Properties = {};
    for (const h of history) {
      if (h.at > t) break;
      found = h.traits;
    }
    return found;
  };
  return {
    times: [...users, ...accounts].map((h) => h.at),
    at: (t) => ({
      traits: asOf(users, latest.traits, t),
      accountTraits: asOf(accounts, latest.accountTraits, t),
    }),
  };
}
