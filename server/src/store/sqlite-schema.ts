import type Database from 'better-sqlite3';

/**
 * The nudge id and the experiment arm of a nudge event, as `events_nudge` indexes them:
 * a query must spell them (and the index's WHERE) the same way for SQLite to read the
 * index instead of parsing each event's JSON.
 */
export const NUDGE_ID = "json_extract(payload, '$.properties.nudgeId')";
export const VARIANT = "json_extract(payload, '$.properties.variant')";
export const NUDGE_INDEX_WHERE = "type = 'track' AND event GLOB '$nudge_*'";

/** The SQLite store's tables. Each statement is idempotent, so opening an existing file is safe. */
export const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  seq INTEGER PRIMARY KEY,
  message_id TEXT NOT NULL,
  -- The client's own timestamp of the message (0 when it sent none). A retry resends the
  -- message as it was, so (client_ts, message_id) identifies it just as well as the id
  -- alone, and keeps the unique index in time order: random ids spread every insert over
  -- the whole index, which cost two thirds of the insert time.
  client_ts INTEGER NOT NULL,
  type TEXT NOT NULL,
  event TEXT,
  user_id TEXT,
  anonymous_id TEXT,
  group_id TEXT,
  timestamp INTEGER NOT NULL,
  received_at INTEGER NOT NULL,
  payload TEXT NOT NULL,
  UNIQUE (client_ts, message_id)
);
CREATE INDEX IF NOT EXISTS events_user ON events (user_id, timestamp) WHERE user_id IS NOT NULL;
-- Only events sent before identify are found by their anonymousId; the rest by userId.
CREATE INDEX IF NOT EXISTS events_anonymous ON events (anonymous_id, timestamp) WHERE user_id IS NULL;
CREATE INDEX IF NOT EXISTS events_group ON events (group_id, timestamp) WHERE group_id IS NOT NULL;
-- The metrics find goal and conversion events by name and user.
CREATE INDEX IF NOT EXISTS events_track ON events (event, user_id, timestamp) WHERE type = 'track';
-- …and the widget's nudge events with their nudge and arm, without parsing their JSON.
-- In time order after the name, new events go to the end of the index: keyed by nudge or
-- user, each insert dirtied a page of its own, which cost a third of the throughput of
-- nudge events.
CREATE INDEX IF NOT EXISTS events_nudge ON events (event, timestamp, ${NUDGE_ID}, user_id, ${VARIANT}, anonymous_id)
  WHERE ${NUDGE_INDEX_WHERE};
CREATE TABLE IF NOT EXISTS users (
  user_id TEXT PRIMARY KEY,
  traits TEXT NOT NULL DEFAULT '{}',
  first_seen INTEGER NOT NULL,
  last_seen INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS accounts (
  account_id TEXT PRIMARY KEY,
  traits TEXT NOT NULL DEFAULT '{}',
  first_seen INTEGER NOT NULL,
  last_seen INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS identities (
  anonymous_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  linked_at INTEGER NOT NULL,
  PRIMARY KEY (anonymous_id, user_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS identities_user ON identities (user_id);
CREATE TABLE IF NOT EXISTS memberships (
  user_id TEXT NOT NULL,
  account_id TEXT NOT NULL,
  joined_at INTEGER NOT NULL,
  PRIMARY KEY (user_id, account_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS memberships_account ON memberships (account_id);
-- What the rule engine has decided so far, per user and per account.
CREATE TABLE IF NOT EXISTS subject_states (
  kind TEXT NOT NULL,
  id TEXT NOT NULL,
  state TEXT NOT NULL,
  prefs TEXT NOT NULL DEFAULT '{}',
  pql TEXT NOT NULL DEFAULT '{}',
  first_seen INTEGER,
  activated_at INTEGER,
  updated_at INTEGER NOT NULL,
  -- A rowid table: states are too large for a WITHOUT ROWID one to stay fast.
  UNIQUE (kind, id)
);
-- The metrics' cohorts: the users (or accounts) first seen in a date range, read from
-- the index alone (a state row is large).
DROP INDEX IF EXISTS subject_states_first_seen;
CREATE INDEX IF NOT EXISTS subject_states_cohort ON subject_states (kind, first_seen, id, activated_at);
-- Every decision, in the order it was made: milestones, activations, checklist progress.
CREATE TABLE IF NOT EXISTS decisions (
  seq INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  subject_kind TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  ref TEXT,
  at INTEGER NOT NULL,
  detail TEXT NOT NULL,
  event_seq INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS decisions_subject ON decisions (subject_kind, subject_id, seq);
-- The metrics: who reached a milestone, who ever qualified, read from the index alone.
DROP INDEX IF EXISTS decisions_kind;
CREATE INDEX IF NOT EXISTS decisions_ref ON decisions (kind, ref, subject_kind, subject_id);
-- Each subject's score per PQL definition, as of its last change or window expiry.
CREATE TABLE IF NOT EXISTS pql_scores (
  definition TEXT NOT NULL,
  kind TEXT NOT NULL,
  id TEXT NOT NULL,
  score INTEGER NOT NULL,
  fit INTEGER NOT NULL DEFAULT 0,
  value INTEGER NOT NULL DEFAULT 0,
  intent INTEGER NOT NULL DEFAULT 0,
  qualifies INTEGER NOT NULL,
  first_qualified_at INTEGER,
  scored_at INTEGER NOT NULL,
  next_expiry INTEGER,
  reasons TEXT NOT NULL,
  PRIMARY KEY (definition, kind, id)
) WITHOUT ROWID;
-- Each subject's scores, for the metrics' segment matrix.
CREATE INDEX IF NOT EXISTS pql_scores_subject ON pql_scores (kind, id);
CREATE INDEX IF NOT EXISTS pql_scores_rank ON pql_scores (definition, qualifies, score DESC);
CREATE INDEX IF NOT EXISTS pql_scores_expiry ON pql_scores (next_expiry) WHERE next_expiry IS NOT NULL;
-- Identities as the projection has linked them, in event order.
CREATE TABLE IF NOT EXISTS projected_identities (
  anonymous_id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL
) WITHOUT ROWID;
-- How far the projection has read the events table, and under which rules.
CREATE TABLE IF NOT EXISTS projection (
  name TEXT PRIMARY KEY,
  cursor INTEGER NOT NULL,
  rules_hash TEXT NOT NULL
);
`;

/**
 * Brings a database file written by an earlier version up to date: columns that
 * \`CREATE TABLE IF NOT EXISTS\` cannot add. Returns whether the projection must run
 * again to fill them.
 */
export function migrate(db: Database.Database): boolean {
  const columns = new Set(
    (db.prepare('PRAGMA table_info(pql_scores)').all() as { name: string }[]).map((c) => c.name),
  );
  const missing = ['fit', 'value', 'intent'].filter((name) => !columns.has(name));
  for (const name of missing) {
    db.exec(`ALTER TABLE pql_scores ADD COLUMN ${name} INTEGER NOT NULL DEFAULT 0`);
  }
  return missing.length > 0;
}
