/** What the collector records per subject and definition between scores. */
export interface QualificationRecord {
  qualifies: boolean;
  /** When the subject first qualified; kept forever, even after it stops qualifying. */
  firstQualifiedAt: number | null;
}

export interface QualificationChange {
  /** Set when this score flips the subject's qualification; null when it stays. */
  became: 'qualified' | 'unqualified' | null;
  firstQualifiedAt: number | null;
}

/**
 * Compares a new score with the recorded qualification: whether it just qualified (send
 * the `pql.qualified` webhook) or stopped, and the first qualification time, which is
 * set once and never cleared.
 *
 * @example
 * const { became, firstQualifiedAt } = qualificationChange(record, score, Date.now());
 * if (became === 'qualified') notify(score);
 */
export function qualificationChange(
  prev: QualificationRecord | null,
  next: { qualifies: boolean },
  now: number,
): QualificationChange {
  const was = prev?.qualifies ?? false;
  const first = prev?.firstQualifiedAt ?? null;
  return {
    became: next.qualifies === was ? null : next.qualifies ? 'qualified' : 'unqualified',
    firstQualifiedAt: first ?? (next.qualifies ? now : null),
  };
}
