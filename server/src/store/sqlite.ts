import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type {
  AccountProfile,
  EventRow,
  InsertResult,
  ProfileRow,
  Store,
  StoredEvent,
  UserProfile,
} from './store';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  seq INTEGER PRIMARY KEY,
  message_id TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  event TEXT,
  user_id TEXT,
  anonymous_id TEXT,
  group_id TEXT,
  timestamp INTEGER NOT NULL,
  received_at INTEGER NOT NULL,
  payload TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_user ON events (user_id, timestamp) WHERE user_id IS NOT NULL;
-- Only events sent before identify are found by their anonymousId; the rest by userId.
CREATE INDEX IF NOT EXISTS events_anonymous ON events (anonymous_id, timestamp) WHERE user_id IS NULL;
CREATE INDEX IF NOT EXISTS events_group ON events (group_id, timestamp) WHERE group_id IS NOT NULL;
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
`;

export interface SqliteStoreOptions {
  /** Folder of the database file; created if missing. */
  dataDir: string;
  /** File name inside dataDir, or ':memory:'. */
  fileName?: string;
}

/**
 * The embedded store: one SQLite file in WAL mode. better-sqlite3 is synchronous, so a
 * transaction has committed to the WAL when `insertEvents` returns: a collector process
 * killed right after answering loses nothing (synchronous=NORMAL may lose the last
 * transactions only on an operating-system crash or power loss).
 */
export function openSqliteStore(options: SqliteStoreOptions): Store {
  const fileName = options.fileName ?? 'ahakit.sqlite';
  let path = fileName;
  if (fileName !== ':memory:') {
    mkdirSync(options.dataDir, { recursive: true });
    path = join(options.dataDir, fileName);
  }
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  // Event ids are random, so the unique index is written all over: keep it in memory.
  db.pragma('cache_size = -65536');
  db.pragma('foreign_keys = ON');
  db.exec(SCHEMA);

  const insertEvent = db.prepare(
    `INSERT INTO events (message_id, type, event, user_id, anonymous_id, group_id, timestamp, received_at, payload)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (message_id) DO NOTHING`,
  );
  const upsertUser = db.prepare(
    `INSERT INTO users (user_id, traits, first_seen, last_seen) VALUES (?, json(?), ?, ?)
     ON CONFLICT (user_id) DO UPDATE SET
       traits = json_patch(users.traits, excluded.traits),
       first_seen = min(users.first_seen, excluded.first_seen),
       last_seen = max(users.last_seen, excluded.last_seen)`,
  );
  const upsertAccount = db.prepare(
    `INSERT INTO accounts (account_id, traits, first_seen, last_seen) VALUES (?, json(?), ?, ?)
     ON CONFLICT (account_id) DO UPDATE SET
       traits = json_patch(accounts.traits, excluded.traits),
       first_seen = min(accounts.first_seen, excluded.first_seen),
       last_seen = max(accounts.last_seen, excluded.last_seen)`,
  );
  const linkIdentity = db.prepare(
    'INSERT INTO identities (anonymous_id, user_id, linked_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
  );
  const addMembership = db.prepare(
    'INSERT INTO memberships (user_id, account_id, joined_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
  );

  // Linking identities and traits only for the messages that carry them keeps the
  // common case (a track call) to one insert.
  const insertRows = (rows: readonly EventRow[]): InsertResult => {
    let inserted = 0;
    for (const row of rows) {
      const info = insertEvent.run(
        row.messageId,
        row.type,
        row.event,
        row.userId,
        row.anonymousId,
        row.groupId,
        row.timestamp,
        row.receivedAt,
        row.payload,
      );
      if (info.changes === 0) continue;
      inserted++;
      if (row.type === 'identify' || row.type === 'group' || row.type === 'alias') {
        applyProfileChanges(row);
      }
    }
    return { inserted, duplicates: rows.length - inserted };
  };

  // Group commit: the requests that arrive within one turn of the event loop share one
  // transaction, and each is answered only once it has committed. A commit costs far
  // more than an insert, so under load this multiplies throughput; alone, a request
  // waits one setImmediate.
  let pending: { rows: readonly EventRow[]; done: (result: InsertResult | Error) => void }[] = [];
  const commitPending = db.transaction((group: typeof pending) =>
    group.map((p) => insertRows(p.rows)),
  );
  function flush(): void {
    const group = pending;
    pending = [];
    let results: InsertResult[];
    try {
      results = commitPending(group);
    } catch (error) {
      for (const p of group) p.done(error as Error);
      return;
    }
    group.forEach((p, i) => {
      p.done(results[i]!);
    });
  }

  function applyProfileChanges(row: EventRow): void {
    const payload = JSON.parse(row.payload) as Record<string, unknown>;
    const traits = JSON.stringify(isObject(payload.traits) ? payload.traits : {});
    if (row.type === 'identify' && row.userId) {
      upsertUser.run(row.userId, traits, row.timestamp, row.timestamp);
      if (row.anonymousId) linkIdentity.run(row.anonymousId, row.userId, row.timestamp);
    } else if (row.type === 'alias' && row.userId && typeof payload.previousId === 'string') {
      upsertUser.run(row.userId, '{}', row.timestamp, row.timestamp);
      linkIdentity.run(payload.previousId, row.userId, row.timestamp);
    } else if (row.type === 'group' && row.groupId) {
      upsertAccount.run(row.groupId, traits, row.timestamp, row.timestamp);
      if (row.userId) {
        upsertUser.run(row.userId, '{}', row.timestamp, row.timestamp);
        addMembership.run(row.userId, row.groupId, row.timestamp);
      }
    }
  }

  const selectUser = db.prepare(
    'SELECT user_id AS id, traits, first_seen, last_seen FROM users WHERE user_id = ?',
  );
  const selectAccount = db.prepare(
    'SELECT account_id AS id, traits, first_seen, last_seen FROM accounts WHERE account_id = ?',
  );
  const selectAnonymousIds = db
    .prepare('SELECT anonymous_id FROM identities WHERE user_id = ? ORDER BY linked_at')
    .pluck();
  const selectUserAccounts = db
    .prepare('SELECT account_id FROM memberships WHERE user_id = ? ORDER BY joined_at')
    .pluck();
  const selectAccountUsers = db
    .prepare('SELECT user_id FROM memberships WHERE account_id = ? ORDER BY joined_at')
    .pluck();
  const eventColumns =
    'message_id, type, event, user_id, anonymous_id, group_id, timestamp, received_at, payload';
  const selectUserTimeline = db.prepare(
    `SELECT ${eventColumns} FROM events WHERE user_id = @user
     UNION
     SELECT ${eventColumns} FROM events WHERE user_id IS NULL AND anonymous_id IN (SELECT anonymous_id FROM identities WHERE user_id = @user)
     ORDER BY timestamp DESC LIMIT @limit`,
  );
  const selectAccountTimeline = db.prepare(
    `SELECT ${eventColumns} FROM events WHERE group_id = ? ORDER BY timestamp DESC LIMIT ?`,
  );
  const countAll = db.prepare('SELECT count(*) FROM events').pluck();

  return {
    async insertEvents(rows) {
      if (rows.length === 0) return { inserted: 0, duplicates: 0 };
      return new Promise<InsertResult>((resolve, reject) => {
        if (pending.length === 0) setImmediate(flush);
        pending.push({ rows, done: (r) => (r instanceof Error ? reject(r) : resolve(r)) });
      });
    },
    async getUser(userId) {
      const row = selectUser.get(userId) as RawProfile | undefined;
      if (!row) return null;
      return {
        ...toProfile(row),
        anonymousIds: selectAnonymousIds.all(userId) as string[],
        accountIds: selectUserAccounts.all(userId) as string[],
      } satisfies UserProfile;
    },
    async getAccount(accountId) {
      const row = selectAccount.get(accountId) as RawProfile | undefined;
      if (!row) return null;
      return {
        ...toProfile(row),
        userIds: selectAccountUsers.all(accountId) as string[],
      } satisfies AccountProfile;
    },
    async userTimeline(userId, limit) {
      return (selectUserTimeline.all({ user: userId, limit }) as RawEvent[]).map(toEvent);
    },
    async accountTimeline(accountId, limit) {
      return (selectAccountTimeline.all(accountId, limit) as RawEvent[]).map(toEvent);
    },
    async countEvents() {
      return countAll.get() as number;
    },
    async close() {
      if (pending.length > 0) flush();
      db.close();
    },
  };
}

interface RawProfile {
  id: string;
  traits: string;
  first_seen: number;
  last_seen: number;
}

interface RawEvent {
  message_id: string;
  type: string;
  event: string | null;
  user_id: string | null;
  anonymous_id: string | null;
  group_id: string | null;
  timestamp: number;
  received_at: number;
  payload: string;
}

function toProfile(row: RawProfile): ProfileRow {
  return {
    id: row.id,
    traits: JSON.parse(row.traits) as Record<string, unknown>,
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
  };
}

function toEvent(row: RawEvent): StoredEvent {
  return {
    messageId: row.message_id,
    type: row.type,
    event: row.event,
    userId: row.user_id,
    anonymousId: row.anonymous_id,
    groupId: row.group_id,
    timestamp: row.timestamp,
    receivedAt: row.received_at,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
