import { type ActivationChange, type MilestoneChange, moved } from './changes';
import { own } from './compare';
import type { CompiledCombination, Rules, Scope } from './compile';
import type { SubjectDraft } from './draft';
import type { SubjectState } from './subject-state';

const NONE: readonly never[] = [];

/**
 * The work of applying one event once its event milestones are counted: what follows
 * from the milestones it changed (combinations, activation), with reads and
 * writes routed to the user's or the account's draft by scope.
 */
export class Pass {
  readonly milestones: MilestoneChange[] = [];

  constructor(
    private readonly rules: Rules,
    private readonly user: SubjectState,
    private readonly account: SubjectState | undefined,
    private readonly userDraft: SubjectDraft | null,
    private readonly accountDraft: SubjectDraft | null,
  ) {}

  /** The draft a scope's milestones are recorded in, or null when it can't change. */
  draftFor(scope: Scope): SubjectDraft | null {
    return scope === 'account' ? this.accountDraft : this.userDraft;
  }

  /** Records a milestone reached at `at`, unless it already was at that time or earlier. */
  reach(draft: SubjectDraft, id: string, scope: Scope, at: number): void {
    const before = draft.reachedAt(id);
    if (before !== undefined && at >= before) return;
    draft.reach(id, at);
    this.milestones.push({ kind: 'milestone', id, scope, at, ...moved(before !== undefined) });
  }

  /**
   * Re-evaluates the `all`/`any` milestones above the changed ones, children first, and
   * the user's unreached ones that a teammate may have completed through the account.
   */
  cascade(): void {
    const affected = new Set<CompiledCombination>();
    const collect = (id: string) => {
      for (const parent of this.rules.parents.get(id) ?? NONE) {
        if (affected.has(parent)) continue;
        affected.add(parent);
        collect(parent.id);
      }
    };
    for (const change of this.milestones) collect(change.id);
    if (this.account && this.userDraft) {
      for (const c of this.rules.crossScope) {
        if (affected.has(c) || this.userDraft.reachedAt(c.id) !== undefined) continue;
        affected.add(c);
        collect(c.id);
      }
    }
    for (const c of [...affected].sort((a, b) => a.rank - b.rank)) {
      const draft = this.draftFor(c.scope);
      if (!draft) continue;
      let at = this.combinationTime(c);
      // A teammate's earlier account milestone counts for a user from their first event.
      const firstSeen = c.scope === 'user' ? draft.firstSeen : null;
      if (at !== undefined && firstSeen !== null && at < firstSeen) at = firstSeen;
      if (at !== undefined) this.reach(draft, c.id, c.scope, at);
    }
  }

  /**
   * Activation is when the last aha milestone was reached, but never before the user was
   * first seen (an account milestone a teammate reached earlier counts from the user's
   * first event). Checked on every event until activated, since a teammate may have done
   * it; after that only when an aha milestone or first seen moved earlier.
   */
  activate(ids: readonly string[], draft: SubjectDraft): ActivationChange | null {
    const firstSeen = draft.firstSeen!;
    const was = draft.activatedAt;
    const firstSeenMoved = this.user.firstSeen !== null && firstSeen < this.user.firstSeen;
    if (was !== null && !firstSeenMoved && !this.milestones.some((m) => ids.includes(m.id))) {
      return null;
    }
    let at = firstSeen;
    for (const id of ids) {
      const r = this.read(id, this.scopeOf(id));
      if (r === undefined) return null;
      if (r > at) at = r;
    }
    if (was !== null && at === was && !firstSeenMoved) return null;
    draft.activatedAt = at;
    return { kind: 'activation', at, ttvMs: at - firstSeen, ...moved(was !== null) };
  }

  /** When a milestone was reached, as of now in this pass. */
  private read(id: string, scope: Scope): number | undefined {
    const draft = this.draftFor(scope);
    return draft ? draft.reachedAt(id) : this.readBefore(id, scope);
  }

  /** When a milestone was reached, before this event. */
  private readBefore(id: string, scope: Scope): number | undefined {
    const state = scope === 'account' ? this.account : this.user;
    return state && own(state.reached, id);
  }

  private scopeOf(id: string): Scope {
    return this.rules.milestones.get(id)?.scope ?? 'user';
  }

  /** `all`: when the last child was reached; `any`: when the first one was. */
  private combinationTime(c: CompiledCombination): number | undefined {
    let at: number | undefined;
    for (const child of c.children) {
      const r = this.read(child.id, child.scope);
      if (r === undefined) {
        if (c.kind === 'all') return undefined;
      } else if (at === undefined || (c.kind === 'all' ? r > at : r < at)) {
        at = r;
      }
    }
    return at;
  }
}
