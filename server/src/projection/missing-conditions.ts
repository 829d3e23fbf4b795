import { type CompiledPql, scorePql } from '../../../core/engine';
import type { ProjectionView } from '../routes/state';
import type { Store, SubjectKind } from '../store/store';

/**
 * For each PQL definition of a subject's scope, the required conditions it does not meet
 * now, in words (`account plan = free`), so a page can say why a high score does not
 * qualify. Scores are stored with their reasons only; this reads the same state and
 * traits the collector scores with.
 */
export async function missingConditions(
  store: Store,
  pql: CompiledPql,
  projection: ProjectionView,
  kind: SubjectKind,
  id: string,
  now: number,
): Promise<Record<string, string[]>> {
  const own = [...pql.definitions.values()].filter(
    (d) => d.scope === kind && d.required.length > 0,
  );
  if (own.length === 0) return {};
  const record = await projection.read(kind, id);
  if (!record) return {};
  const accountId = kind === 'account' ? id : await store.latestAccount(id);
  const [traits, accountTraits, account] = await Promise.all([
    kind === 'user' ? store.traitsOf('user', id) : Promise.resolve(undefined),
    accountId ? store.traitsOf('account', accountId) : Promise.resolve(undefined),
    kind === 'user' && accountId ? projection.read('account', accountId) : Promise.resolve(null),
  ]);
  const activatedAt = kind === 'account' ? await store.firstMemberActivation(id) : undefined;
  const out: Record<string, string[]> = {};
  for (const d of own) {
    const score = scorePql(pql, d.id, {
      state: record.pql,
      traits,
      accountTraits,
      subject: record.state,
      account: account?.state,
      ...(activatedAt === undefined ? {} : { activatedAt }),
      now,
    });
    out[d.id] = score.missing.map((m) => m.label);
  }
  return out;
}
