import type Database from 'better-sqlite3';

/**
 * The webhook outbox: one row per event and subscribed webhook, written in the same
 * transaction as the decision behind the event, so a delivery is never lost and never
 * made up. The dispatcher claims due rows by pushing `next_attempt_at` one lease ahead:
 * a process that dies mid-request leaves its rows to be claimed again once the lease
 * runs out, with the same idempotency key.
 */
export const OUTBOX_SCHEMA = `
CREATE TABLE IF NOT EXISTS webhook_deliveries (
  seq INTEGER PRIMARY KEY,
  idempotency_key TEXT NOT NULL UNIQUE,
  webhook_id TEXT NOT NULL,
  event_id TEXT NOT NULL,
  event_type TEXT NOT NULL,
  -- The event as JSON; the body is rendered at each attempt from the webhook's current format.
  payload TEXT NOT NULL,
  -- pending (due at next_attempt_at, or claimed until then), delivered, failed.
  status TEXT NOT NULL DEFAULT 'pending',
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_status INTEGER,
  last_error TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  delivered_at INTEGER
);
CREATE INDEX IF NOT EXISTS webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX IF NOT EXISTS webhook_deliveries_recent ON webhook_deliveries (updated_at);
`;

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface NewDelivery {
  idempotencyKey: string;
  webhookId: string;
  eventId: string;
  eventType: string;
  /** The event as JSON. */
  payload: string;
}

export interface Delivery extends NewDelivery {
  seq: number;
  status: DeliveryStatus;
  /** Attempts started, the one in flight included. */
  attempts: number;
  nextAttemptAt: number;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: number;
  updatedAt: number;
  deliveredAt: number | null;
}

/** What an attempt ended with; `attempt` is the `attempts` the row was claimed with. */
export interface Outcome {
  seq: number;
  attempt: number;
  at: number;
  httpStatus: number | null;
  error: string | null;
}

export interface Outbox {
  /** Adds deliveries, skipping idempotency keys already present; returns how many were added. Synchronous, for use inside a transaction. */
  insert(rows: readonly NewDelivery[]): number;
  /**
   * Claims up to `limit` due deliveries for `leaseMs`, counting an attempt for each,
   * skipping the webhooks in `skip` (their circuits are open).
   */
  claimDue(now: number, limit: number, leaseMs: number, skip?: readonly string[]): Delivery[];
  /** Gives a claimed delivery back unattempted: due at `at`, its attempt not counted. */
  release(delivery: Pick<Delivery, 'seq' | 'attempts'>, at: number): boolean;
  /** Records the success; only the first success of a delivery counts. Returns whether this one did. */
  markDelivered(outcome: Outcome): boolean;
  /** Schedules another attempt, unless the row was claimed again since or already settled. */
  retryAt(outcome: Outcome, nextAttemptAt: number): boolean;
  markFailed(outcome: Outcome): boolean;
  /** The latest deliveries, most recently updated first. */
  recent(options: { limit: number; status?: DeliveryStatus; webhookId?: string }): Delivery[];
  /** Deliveries per webhook and status. */
  counts(): { webhookId: string; status: DeliveryStatus; count: number }[];
  byKey(idempotencyKey: string): Delivery | null;
  /** Removes settled deliveries last updated before `before`; their keys may then be delivered again. */
  prune(before: number): number;
}

/** Opens the outbox on the store's database, creating its table when missing. */
export function openOutbox(db: Database.Database, now: () => number = Date.now): Outbox {
  db.exec(OUTBOX_SCHEMA);
  const insertRow = db.prepare(
    `INSERT INTO webhook_deliveries (idempotency_key, webhook_id, event_id, event_type, payload, next_attempt_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING`,
  );
  // One statement, so two dispatchers on one file can never claim the same row.
  const claim = db.prepare(
    `UPDATE webhook_deliveries SET attempts = attempts + 1, next_attempt_at = @leaseUntil, updated_at = @now
     WHERE seq IN (SELECT seq FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= @now
                     AND webhook_id NOT IN (SELECT value FROM json_each(@skip))
                   ORDER BY next_attempt_at, seq LIMIT @limit)
     RETURNING *`,
  );
  const unclaim = db.prepare(
    `UPDATE webhook_deliveries SET attempts = attempts - 1, next_attempt_at = @at
     WHERE seq = @seq AND status = 'pending' AND attempts = @attempts`,
  );
  const delivered = db.prepare(
    `UPDATE webhook_deliveries SET status = 'delivered', delivered_at = @at, updated_at = @at,
       last_status = @httpStatus, last_error = NULL
     WHERE seq = @seq AND status <> 'delivered'`,
  );
  const retry = db.prepare(
    `UPDATE webhook_deliveries SET next_attempt_at = @nextAttemptAt, updated_at = @at,
       last_status = @httpStatus, last_error = @error
     WHERE seq = @seq AND status = 'pending' AND attempts = @attempt`,
  );
  const failed = db.prepare(
    `UPDATE webhook_deliveries SET status = 'failed', updated_at = @at, last_status = @httpStatus, last_error = @error
     WHERE seq = @seq AND status = 'pending' AND attempts = @attempt`,
  );
  const selectRecent = db.prepare(
    `SELECT * FROM webhook_deliveries
     WHERE (@status IS NULL OR status = @status) AND (@webhookId IS NULL OR webhook_id = @webhookId)
     ORDER BY updated_at DESC, seq DESC LIMIT @limit`,
  );
  const selectCounts = db.prepare(
    'SELECT webhook_id, status, count(*) AS count FROM webhook_deliveries GROUP BY webhook_id, status ORDER BY webhook_id, status',
  );
  const selectByKey = db.prepare('SELECT * FROM webhook_deliveries WHERE idempotency_key = ?');
  const deleteSettled = db.prepare(
    "DELETE FROM webhook_deliveries WHERE status IN ('delivered', 'failed') AND updated_at < ?",
  );

  const insertAll = db.transaction((rows: readonly NewDelivery[]) => {
    const at = now();
    let added = 0;
    for (const r of rows) {
      added += insertRow.run(
        r.idempotencyKey,
        r.webhookId,
        r.eventId,
        r.eventType,
        r.payload,
        at,
        at,
        at,
      ).changes;
    }
    return added;
  });
  return {
    // A better-sqlite3 transaction inside another one is a savepoint: this joins the caller's.
    insert: (rows) => (rows.length === 0 ? 0 : insertAll(rows)),
    claimDue(at, limit, leaseMs, skip = []) {
      const params = { now: at, leaseUntil: at + leaseMs, limit, skip: JSON.stringify(skip) };
      return (claim.all(params) as RawDelivery[]).map(toDelivery).sort((a, b) => a.seq - b.seq);
    },
    release: ({ seq, attempts }, at) => unclaim.run({ seq, attempts, at }).changes > 0,
    markDelivered: (o) => delivered.run(o).changes > 0,
    retryAt: (o, nextAttemptAt) => retry.run({ ...o, nextAttemptAt }).changes > 0,
    markFailed: (o) => failed.run(o).changes > 0,
    recent({ limit, status, webhookId }) {
      return (
        selectRecent.all({
          limit,
          status: status ?? null,
          webhookId: webhookId ?? null,
        }) as RawDelivery[]
      ).map(toDelivery);
    },
    counts() {
      return (
        selectCounts.all() as { webhook_id: string; status: DeliveryStatus; count: number }[]
      ).map((r) => ({ webhookId: r.webhook_id, status: r.status, count: r.count }));
    },
    byKey(key) {
      const row = selectByKey.get(key) as RawDelivery | undefined;
      return row ? toDelivery(row) : null;
    },
    prune: (before) => deleteSettled.run(before).changes,
  };
}

interface RawDelivery {
  seq: number;
  idempotency_key: string;
  webhook_id: string;
  event_id: string;
  event_type: string;
  payload: string;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: number;
  last_status: number | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
  delivered_at: number | null;
}

function toDelivery(r: RawDelivery): Delivery {
  return {
    seq: r.seq,
    idempotencyKey: r.idempotency_key,
    webhookId: r.webhook_id,
    eventId: r.event_id,
    eventType: r.event_type,
    payload: r.payload,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastStatus: r.last_status,
    lastError: r.last_error,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    deliveredAt: r.delivered_at,
  };
}
