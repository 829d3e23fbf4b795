import { own } from './compare';
import { addSeen } from './seen';
import type { SubjectState } from './subject-state';

const NO_TIMES: readonly number[] = [];

/**
 * A copy-on-write working copy of one subject's state while an event is applied: the
 * `reached` and `progress` records are copied on their first write only, and `finish`
 * shares every part that did not change.
 */
export class SubjectDraft {
  firstSeen: number | null;
  lastSeen: number | null;
  activatedAt: number | null;
  private seen: readonly string[];
  private reached: Record<string, number> | null = null;
  private progress: Record<string, readonly number[]> | null = null;

  constructor(
    private readonly base: SubjectState,
    private readonly seenLimit: number,
  ) {
    this.firstSeen = base.firstSeen;
    this.lastSeen = base.lastSeen;
    this.activatedAt = base.activatedAt;
    this.seen = base.seen;
  }

  /** Records one applied event: its id, and its time in first/last seen. */
  see(messageId: string, time: number): void {
    if (this.firstSeen === null || time < this.firstSeen) this.firstSeen = time;
    if (this.lastSeen === null || time > this.lastSeen) this.lastSeen = time;
    this.seen = addSeen(this.seen, messageId, this.seenLimit);
  }

  reachedAt(id: string): number | undefined {
    return own(this.reached ?? this.base.reached, id);
  }

  times(id: string): readonly number[] {
    return own(this.progress ?? this.base.progress, id) ?? NO_TIMES;
  }

  /** Marks a milestone reached at `at` (or earlier than before); its progress goes. */
  reach(id: string, at: number): void {
    this.reached ??= { ...this.base.reached };
    this.reached[id] = at;
    this.setTimes(id, NO_TIMES);
  }

  setTimes(id: string, times: readonly number[]): void {
    if (sameTimes(this.times(id), times)) return;
    this.progress ??= { ...this.base.progress };
    if (times.length === 0) delete this.progress[id];
    else this.progress[id] = times;
  }

  finish(): SubjectState {
    const { base } = this;
    return {
      firstSeen: this.firstSeen,
      lastSeen: this.lastSeen,
      reached: this.reached ?? base.reached,
      activatedAt: this.activatedAt,
      progress: this.progress ?? base.progress,
      seen: this.seen,
    };
  }
}

function sameTimes(a: readonly number[], b: readonly number[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
