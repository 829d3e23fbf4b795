import type Database from 'better-sqlite3';

/**
 * Webhook announcements the projection held back: decisions that are history (their
 * event is older than the announcement horizon, as after a rules change or a backfill)
 * or that were announced already. Kept so the team can see what a replay did not send.
 * One row per event id: a later replay that holds back the same event again only
 * updates when.
 */
export const SUPPRESSED_SCHEMA = `
CREATE TABLE IF NOT EXISTS webhook_suppressed (
  event_id TEXT PRIMARY KEY,
  event_type TEXT NOT NULL,
  subject_kind TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  ref TEXT,
  occurred_at INTEGER NOT NULL,
  suppressed_at INTEGER NOT NULL,
  -- stale (older than the horizon) or announced (sent before).
  reason TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS webhook_suppressed_recent ON webhook_suppressed (suppressed_at);
`;

export type SuppressionReason = 'stale' | 'announced';

export interface SuppressedAnnouncement {
  eventId: string;
  eventType: string;
  subjectKind: string;
  subjectId: string;
  /** The milestone, definition or signal id. */
  ref: string | null;
  occurredAt: number;
  suppressedAt: number;
  reason: SuppressionReason;
}

export interface SuppressedLog {
  /** Records announcements held back. Synchronous, for use inside a transaction. */
  insert(rows: readonly SuppressedAnnouncement[]): void;
  /** The latest ones, most recently held back first. */
  recent(limit: number): SuppressedAnnouncement[];
  /** How many, per event type and reason. */
  counts(): { eventType: string; reason: SuppressionReason; count: number }[];
}

export function openSuppressedLog(db: Database.Database): SuppressedLog {
  db.exec(SUPPRESSED_SCHEMA);
  const insertRow = db.prepare(
    `INSERT INTO webhook_suppressed (event_id, event_type, subject_kind, subject_id, ref, occurred_at, suppressed_at, reason)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (event_id) DO UPDATE SET suppressed_at = excluded.suppressed_at, reason = excluded.reason`,
  );
  const selectRecent = db.prepare(
    'SELECT * FROM webhook_suppressed ORDER BY suppressed_at DESC, occurred_at DESC LIMIT ?',
  );
  const selectCounts = db.prepare(
    'SELECT event_type, reason, count(*) AS count FROM webhook_suppressed GROUP BY event_type, reason ORDER BY event_type, reason',
  );
  return {
    insert(rows) {
      for (const r of rows) {
        insertRow.run(
          r.eventId,
          r.eventType,
          r.subjectKind,
          r.subjectId,
          r.ref,
          r.occurredAt,
          r.suppressedAt,
          r.reason,
        );
      }
    },
    recent(limit) {
      return (selectRecent.all(limit) as Row[]).map((r) => ({
        eventId: r.event_id,
        eventType: r.event_type,
        subjectKind: r.subject_kind,
        subjectId: r.subject_id,
        ref: r.ref,
        occurredAt: r.occurred_at,
        suppressedAt: r.suppressed_at,
        reason: r.reason,
      }));
    },
    counts() {
      return (
        selectCounts.all() as { event_type: string; reason: SuppressionReason; count: number }[]
      ).map((r) => ({ eventType: r.event_type, reason: r.reason, count: r.count }));
    },
  };
}

interface Row {
  event_id: string;
  event_type: string;
  subject_kind: string;
  subject_id: string;
  ref: string | null;
  occurred_at: number;
  suppressed_at: number;
  reason: SuppressionReason;
}
