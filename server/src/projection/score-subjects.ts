import {
  type CompiledPql,
  nextExpiry,
  qualificationChange,
  qualifiedSince,
  scorePql,
} from '../../../core/engine';
import type { Decision, PqlScoreRow, Store, SubjectKind, SubjectRecord } from '../store/store';

export interface ScoreInput {
  store: Store;
  pql: CompiledPql;
  read: (kind: SubjectKind, id: string) => Promise<SubjectRecord | null>;
  subjects: SubjectRecord[];
  /** The wall clock: scores are never read later than this. */
  now: number;
  /**
   * Subjects scored at `now` rather than at their latest event: those whose windows
   * expired (the sweep). Keys are `kind:id`.
   */
  atNow?: ReadonlySet<string>;
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
 * Scores are read in event time: at the subject's latest event (or its activation), not
 * at the moment scoring runs, and a qualification is dated by the event that made it
 * (`qualifiedSince`). So back-dated events qualify a lead when they happened, and
 * projecting the same events again after a rules change dates it the same.
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
    const [traits, accountTraits, account, previous, activatedAt] = await Promise.all([
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
    const at = input.atNow?.has(`${subject.kind}:${subject.id}`)
      ? now
      : Math.min(now, Math.max(subject.state.lastSeen ?? now, activatedAt ?? 0));
    const expiry = nextExpiry(pql, subject.pql, at);
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
      const qualifiedAt =
        score.qualifies && !prev?.qualifies
          ? (qualifiedSince(pql, definition.id, scoreInput, prev?.scoredAt) ?? at)
          : at;
      const change = qualificationChange(prev, score, qualifiedAt);
      scores.push({
        definition: definition.id,
        kind: subject.kind,
        id: subject.id,
        score: score.score,
        fit: score.fit,
        value: score.value,
        intent: score.intent,
        qualifies: score.qualifies,
        firstQualifiedAt: change.firstQualifiedAt,
        scoredAt: at,
        nextExpiry: expiry,
        reasons: score.reasons,
      });
      if (change.became) {
        decisions.push({
          kind: change.became === 'qualified' ? 'pql.qualified' : 'pql.unqualified',
          subjectKind: subject.kind,
          subjectId: subject.id,
          ref: definition.id,
          at: change.became === 'qualified' ? qualifiedAt : at,
          detail: { score: score.score, threshold: score.threshold, reasons: score.reasons },
          eventSeq: input.cursor,
        });
      }
    }
  }
  return { scores, decisions };
}
