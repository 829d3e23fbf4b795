import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { LIMITS } from '../../../core/events/schema';
import { isObject } from '../ingest/normalize';
import { mergeTraits } from './merge-traits';
import { openMetrics } from './sqlite-metrics';
import { openOutbox } from './sqlite-outbox';
import { migrate, SCHEMA } from './sqlite-schema';
import { openSuppressedLog } from './sqlite-suppressed';
import type {
  AccountProfile,
  Decision,
  EventRow,
  InsertResult,
  PqlScoreRow,
  Prefs,
  ProfileRow,
  SeqEvent,
  Store,
  StoredEvent,
  SubjectKind,
  SubjectRecord,
  UserProfile,
} from './store';

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
  // Checkpoints copy the log into the database and sync it, stalling the writer: every
  // 8 MB of log (instead of SQLite's 4 MB) means fewer of them, each still short enough
  // not to show in the answers' tail latency (40 MB did, at 300+ ms).
  db.pragma('wal_autocheckpoint = 2000');
  db.pragma('foreign_keys = ON');
  db.exec(SCHEMA);
  // Scores saved before the score parts were kept: an empty rules hash projects again.
  if (migrate(db)) db.exec("UPDATE projection SET rules_hash = ''");
  const outbox = openOutbox(db);
  const suppressed = openSuppressedLog(db);
  const metricsCounts = openMetrics(db);

  const insertEvent = db.prepare(
    `INSERT INTO events (message_id, client_ts, type, event, user_id, anonymous_id, group_id, timestamp, received_at, payload)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (client_ts, message_id) DO NOTHING`,
  );
  // Traits are merged in JavaScript (mergeTraits), within each subject's limits.
  const upsertUser = db.prepare(
    `INSERT INTO users (user_id, traits, first_seen, last_seen) VALUES (?, ?, ?, ?)
     ON CONFLICT (user_id) DO UPDATE SET traits = excluded.traits,
       first_seen = min(users.first_seen, excluded.first_seen),
       last_seen = max(users.last_seen, excluded.last_seen)`,
  );
  const touchUser = db.prepare(
    `INSERT INTO users (user_id, traits, first_seen, last_seen) VALUES (?, '{}', ?, ?)
     ON CONFLICT (user_id) DO UPDATE SET
       first_seen = min(users.first_seen, excluded.first_seen),
       last_seen = max(users.last_seen, excluded.last_seen)`,
  );
  const upsertAccount = db.prepare(
    `INSERT INTO accounts (account_id, traits, first_seen, last_seen) VALUES (?, ?, ?, ?)
     ON CONFLICT (account_id) DO UPDATE SET traits = excluded.traits,
       first_seen = min(accounts.first_seen, excluded.first_seen),
       last_seen = max(accounts.last_seen, excluded.last_seen)`,
  );
  const selectUserTraits = db.prepare('SELECT traits FROM users WHERE user_id = ?').pluck();
  const selectAccountTraits = db
    .prepare('SELECT traits FROM accounts WHERE account_id = ?')
    .pluck();
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
        row.clientTs,
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
  //
  // Inside it, each request's rows are a savepoint (a better-sqlite3 transaction inside
  // another one), so they commit or fail together and never with another request's.
  // When the database refuses one of them, they are tried one by one, and only the
  // refused rows are left out (and named in the answer).
  let pending: {
    rows: readonly EventRow[];
    done: (result: InsertResult | Error) => void;
  }[] = [];
  const insertRequest = db.transaction(insertRows);
  const insertEach = (rows: readonly EventRow[]): InsertResult => {
    const result: InsertResult = { inserted: 0, duplicates: 0, refused: [] };
    rows.forEach((row, index) => {
      try {
        const one = insertRequest([row]);
        result.inserted += one.inserted;
        result.duplicates += one.duplicates;
      } catch (error) {
        if (!refusedInput(error)) throw error;
        result.refused!.push({ index, reason: `the database refused it: ${error.message}` });
      }
    });
    return result;
  };
  const commitPending = db.transaction((group: typeof pending) =>
    group.map((p): InsertResult | Error => {
      try {
        return insertRequest(p.rows);
      } catch (error) {
        if (!refusedInput(error)) return error as Error;
      }
      try {
        return insertEach(p.rows);
      } catch (error) {
        return error as Error;
      }
    }),
  );
  const commitListeners: (() => void)[] = [];
  function flush(): void {
    // A group stops at about GROUP_ROWS rows, and the rest waits a turn of the event
    // loop: a crowd of full batches arriving at once is committed in slices, with other
    // requests (and /healthz) answered in between, instead of in one long stall.
    let rows = 0;
    let take = 0;
    while (take < pending.length && rows < GROUP_ROWS) rows += pending[take++]!.rows.length;
    if (take === 0) return;
    const group = pending.slice(0, take);
    pending = pending.slice(take);
    if (pending.length > 0) setImmediate(flush);
    let results: (InsertResult | Error)[];
    try {
      results = commitPending(group);
    } catch (error) {
      for (const p of group) p.done(error as Error);
      return;
    }
    group.forEach((p, i) => {
      p.done(results[i]!);
    });
    if (results.some((r) => !(r instanceof Error) && r.inserted > 0)) {
      for (const listener of commitListeners) listener();
    }
  }

  function applyProfileChanges(row: EventRow): void {
    const payload = JSON.parse(row.payload) as Record<string, unknown>;
    const patch = isObject(payload.traits) ? payload.traits : {};
    if (row.type === 'identify' && row.userId) {
      const kept = selectUserTraits.get(row.userId) as string | undefined;
      const traits = boundedTraits('user', row.userId, kept, patch);
      upsertUser.run(row.userId, traits, row.timestamp, row.timestamp);
      if (row.anonymousId) linkIdentity.run(row.anonymousId, row.userId, row.timestamp);
    } else if (row.type === 'alias' && row.userId && typeof payload.previousId === 'string') {
      touchUser.run(row.userId, row.timestamp, row.timestamp);
      linkIdentity.run(payload.previousId, row.userId, row.timestamp);
    } else if (row.type === 'group' && row.groupId) {
      const kept = selectAccountTraits.get(row.groupId) as string | undefined;
      const traits = boundedTraits('account', row.groupId, kept, patch);
      upsertAccount.run(row.groupId, traits, row.timestamp, row.timestamp);
      if (row.userId) {
        touchUser.run(row.userId, row.timestamp, row.timestamp);
        addMembership.run(row.userId, row.groupId, row.timestamp);
      }
    }
  }

  // A subject at its limits is reported once per collector run, not once per message.
  const reportedFull = new Set<string>();
  function boundedTraits(
    kind: SubjectKind,
    id: string,
    kept: string | undefined,
    patch: Record<string, unknown>,
  ): string {
    const merged = mergeTraits(kept ? (JSON.parse(kept) as Record<string, unknown>) : {}, patch);
    if (
      merged.dropped.length > 0 &&
      reportedFull.size < 1_000 &&
      !reportedFull.has(`${kind}:${id}`)
    ) {
      reportedFull.add(`${kind}:${id}`);
      console.warn(
        `[ahakit] ${kind} ${JSON.stringify(id.slice(0, 100))} is at its trait limits (${LIMITS.subjectTraitKeys} traits, ${LIMITS.subjectTraitBytes / 1024} KB): dropped ${merged.dropped.length} new trait(s)`,
      );
    }
    return JSON.stringify(merged.traits);
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
    `SELECT seq, ${eventColumns} FROM events WHERE user_id = @user
     UNION
     SELECT seq, ${eventColumns} FROM events WHERE user_id IS NULL AND anonymous_id IN (SELECT anonymous_id FROM identities WHERE user_id = @user)
     ORDER BY timestamp DESC, seq DESC LIMIT @limit`,
  );
  const selectAccountTimeline = db.prepare(
    `SELECT seq, ${eventColumns} FROM events WHERE group_id = ? ORDER BY timestamp DESC, seq DESC LIMIT ?`,
  );
  const countAll = db.prepare('SELECT count(*) FROM events').pluck();

  const OBJECT_TRAITS =
    "CASE WHEN json_type(payload, '$.traits') = 'object' THEN json_extract(payload, '$.traits') END";
  const selectUserTraitEvents = db.prepare(
    `SELECT timestamp, ${OBJECT_TRAITS} AS traits FROM events
      WHERE user_id = ? AND type = 'identify' AND timestamp <= ? ORDER BY timestamp, seq`,
  );
  const selectAccountTraitEvents = db.prepare(
    `SELECT timestamp, ${OBJECT_TRAITS} AS traits FROM events
      WHERE group_id = ? AND type = 'group' AND timestamp <= ? ORDER BY timestamp, seq`,
  );
  const selectProjection = db.prepare(
    "SELECT cursor, rules_hash FROM projection WHERE name = 'engine'",
  );
  const resetAll = db.transaction((rulesHash: string) => {
    db.exec(
      'DELETE FROM subject_states; DELETE FROM decisions; DELETE FROM projected_identities; DELETE FROM pql_scores;',
    );
    db.prepare(
      "INSERT INTO projection (name, cursor, rules_hash) VALUES ('engine', 0, ?) ON CONFLICT (name) DO UPDATE SET cursor = 0, rules_hash = excluded.rules_hash",
    ).run(rulesHash);
  });
  const selectEventsAfter = db.prepare(
    `SELECT seq, ${eventColumns} FROM events WHERE seq > ? ORDER BY seq LIMIT ?`,
  );
  const selectAnonymousEvents = db.prepare(
    `SELECT seq, ${eventColumns} FROM events WHERE user_id IS NULL AND anonymous_id = ? AND seq < ? ORDER BY seq`,
  );
  const selectProjectedUser = db
    .prepare('SELECT user_id FROM projected_identities WHERE anonymous_id = ?')
    .pluck();
  const selectSubject = db.prepare(
    'SELECT state, prefs, pql FROM subject_states WHERE kind = ? AND id = ?',
  );
  const upsertSubject = db.prepare(
    `INSERT INTO subject_states (kind, id, state, prefs, pql, first_seen, activated_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (kind, id) DO UPDATE SET state = excluded.state, prefs = excluded.prefs, pql = excluded.pql,
       first_seen = excluded.first_seen, activated_at = excluded.activated_at, updated_at = excluded.updated_at`,
  );
  const upsertScore = db.prepare(
    `INSERT INTO pql_scores (definition, kind, id, score, fit, value, intent, qualifies, first_qualified_at, scored_at, next_expiry, reasons)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (definition, kind, id) DO UPDATE SET score = excluded.score, fit = excluded.fit,
       value = excluded.value, intent = excluded.intent, qualifies = excluded.qualifies,
       first_qualified_at = excluded.first_qualified_at, scored_at = excluded.scored_at,
       next_expiry = excluded.next_expiry, reasons = excluded.reasons`,
  );
  const scoreColumns =
    'definition, kind, id, score, fit, value, intent, qualifies, first_qualified_at, scored_at, next_expiry, reasons';
  const selectScoresOf = db.prepare(
    `SELECT ${scoreColumns} FROM pql_scores WHERE kind = ? AND id = ? ORDER BY definition`,
  );
  const selectPqlList = db.prepare(
    `SELECT ${scoreColumns} FROM pql_scores WHERE definition = @definition AND (@all OR qualifies = 1)
     ORDER BY qualifies DESC, score DESC, first_qualified_at LIMIT @limit`,
  );
  const countPqls = db
    .prepare(
      'SELECT count(*) FROM pql_scores WHERE definition = @definition AND (@all OR qualifies = 1)',
    )
    .pluck();
  const selectPqlDue = db.prepare(
    'SELECT DISTINCT kind, id FROM pql_scores WHERE next_expiry IS NOT NULL AND next_expiry <= ? LIMIT ?',
  );
  const insertDecision = db.prepare(
    'INSERT INTO decisions (kind, subject_kind, subject_id, ref, at, detail, event_seq) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const insertLink = db.prepare(
    'INSERT INTO projected_identities (anonymous_id, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING',
  );
  const updateCursor = db.prepare("UPDATE projection SET cursor = ? WHERE name = 'engine'");
  const saveBatch = db.transaction((batch: Parameters<Store['saveProjection']>[0]) => {
    const now = Date.now();
    for (const s of batch.subjects) {
      upsertSubject.run(
        s.kind,
        s.id,
        JSON.stringify(s.state),
        JSON.stringify(s.prefs),
        JSON.stringify(s.pql),
        s.state.firstSeen,
        s.state.activatedAt,
        now,
      );
    }
    for (const r of batch.scores) {
      upsertScore.run(
        r.definition,
        r.kind,
        r.id,
        r.score,
        r.fit,
        r.value,
        r.intent,
        r.qualifies ? 1 : 0,
        r.firstQualifiedAt,
        r.scoredAt,
        r.nextExpiry,
        JSON.stringify(r.reasons),
      );
    }
    for (const d of batch.decisions) {
      insertDecision.run(
        d.kind,
        d.subjectKind,
        d.subjectId,
        d.ref,
        d.at,
        JSON.stringify(d.detail),
        d.eventSeq,
      );
    }
    for (const [anonymousId, userId] of batch.links) insertLink.run(anonymousId, userId);
    if (batch.deliveries?.length) outbox.insert(batch.deliveries);
    if (batch.suppressed?.length) suppressed.insert(batch.suppressed);
    updateCursor.run(batch.cursor);
  });
  const selectDecisions = db.prepare(
    'SELECT kind, subject_kind, subject_id, ref, at, detail, event_seq FROM decisions WHERE subject_kind = ? AND subject_id = ? ORDER BY seq DESC LIMIT ?',
  );
  const selectFirstMemberActivation = db
    .prepare(
      `SELECT min(s.activated_at) FROM memberships m
         CROSS JOIN subject_states s ON s.kind = 'user' AND s.id = m.user_id
        WHERE m.account_id = ?`,
    )
    .pluck();
  const selectLatestAccount = db
    .prepare('SELECT account_id FROM memberships WHERE user_id = ? ORDER BY joined_at DESC LIMIT 1')
    .pluck();

  return {
    outbox,
    suppressed,
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
    async traitHistory(kind, id, until) {
      const rows = (kind === 'user' ? selectUserTraitEvents : selectAccountTraitEvents).all(
        id,
        until,
      ) as { timestamp: number; traits: string | null }[];
      // Merged as the profile merges them (mergeTraits, within the same limits), but in
      // event-time order.
      let merged: Record<string, unknown> = {};
      return rows.map((r) => {
        const patch = JSON.parse(r.traits ?? '{}') as Record<string, unknown>;
        merged = mergeTraits(merged, patch).traits;
        return { at: r.timestamp, traits: merged };
      });
    },
    async traitsOf(kind, id) {
      const text = (kind === 'user' ? selectUserTraits : selectAccountTraits).get(id) as
        | string
        | undefined;
      return text ? (JSON.parse(text) as Record<string, unknown>) : {};
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
    onCommit(listener) {
      commitListeners.push(listener);
    },
    async projectionState() {
      const row = selectProjection.get() as { cursor: number; rules_hash: string } | undefined;
      return row ? { cursor: row.cursor, rulesHash: row.rules_hash } : null;
    },
    async resetProjection(rulesHash) {
      resetAll(rulesHash);
    },
    async eventsAfter(seq, limit) {
      return (selectEventsAfter.all(seq, limit) as (RawEvent & { seq: number })[]).map(toSeqEvent);
    },
    async anonymousEvents(anonymousId, beforeSeq) {
      return (
        selectAnonymousEvents.all(anonymousId, beforeSeq) as (RawEvent & { seq: number })[]
      ).map(toSeqEvent);
    },
    async projectedUser(anonymousId) {
      return (selectProjectedUser.get(anonymousId) as string | undefined) ?? null;
    },
    async loadSubject(kind, id) {
      const row = selectSubject.get(kind, id) as
        | { state: string; prefs: string; pql: string }
        | undefined;
      if (!row) return null;
      return {
        kind,
        id,
        state: JSON.parse(row.state),
        prefs: JSON.parse(row.prefs) as Prefs,
        pql: JSON.parse(row.pql),
      } satisfies SubjectRecord;
    },
    async saveProjection(batch) {
      saveBatch(batch);
    },
    async decisionsOf(kind: SubjectKind, id: string, limit: number) {
      return (selectDecisions.all(kind, id, limit) as RawDecision[]).map(
        (r): Decision => ({
          kind: r.kind,
          subjectKind: r.subject_kind as SubjectKind,
          subjectId: r.subject_id,
          ref: r.ref,
          at: r.at,
          detail: JSON.parse(r.detail),
          eventSeq: r.event_seq,
        }),
      );
    },
    async pqlScoresOf(kind, id) {
      return (selectScoresOf.all(kind, id) as RawScore[]).map(toScore);
    },
    async pqlList(definition, { qualifiedOnly, limit }) {
      return (
        selectPqlList.all({ definition, all: qualifiedOnly ? 0 : 1, limit }) as RawScore[]
      ).map(toScore);
    },
    async pqlCount(definition, { qualifiedOnly }) {
      return countPqls.get({ definition, all: qualifiedOnly ? 0 : 1 }) as number;
    },
    async pqlDue(now, limit) {
      return selectPqlDue.all(now, limit) as { kind: SubjectKind; id: string }[];
    },
    async metricsCounts(query) {
      return metricsCounts(query);
    },
    async latestAccount(userId) {
      return (selectLatestAccount.get(userId) as string | undefined) ?? null;
    },
    async accountsOf(userId) {
      return selectUserAccounts.all(userId) as string[];
    },
    async firstMemberActivation(accountId) {
      return (selectFirstMemberActivation.get(accountId) as number | null | undefined) ?? null;
    },
    async close() {
      while (pending.length > 0) flush();
      db.close();
    },
  };
}

/** Rows committed in one transaction at most (a single larger request is still one). */
const GROUP_ROWS = 2_000;

/**
 * Errors that mean the database will not take this row (malformed JSON, a value too big,
 * a constraint), as opposed to its own faults (disk full, I/O, busy), which fail the
 * request with a 5xx.
 */
const INPUT_ERRORS = new Set(['SQLITE_ERROR', 'SQLITE_TOOBIG', 'SQLITE_MISMATCH', 'SQLITE_RANGE']);
function refusedInput(error: unknown): error is Error {
  if (!(error instanceof Database.SqliteError)) return false;
  return INPUT_ERRORS.has(error.code) || error.code.startsWith('SQLITE_CONSTRAINT');
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

interface RawScore {
  definition: string;
  kind: string;
  id: string;
  score: number;
  fit: number;
  value: number;
  intent: number;
  qualifies: number;
  first_qualified_at: number | null;
  scored_at: number;
  next_expiry: number | null;
  reasons: string;
}

function toScore(r: RawScore): PqlScoreRow {
  return {
    definition: r.definition,
    kind: r.kind as SubjectKind,
    id: r.id,
    score: r.score,
    fit: r.fit,
    value: r.value,
    intent: r.intent,
    qualifies: r.qualifies === 1,
    firstQualifiedAt: r.first_qualified_at,
    scoredAt: r.scored_at,
    nextExpiry: r.next_expiry,
    reasons: JSON.parse(r.reasons) as unknown[],
  };
}

interface RawDecision {
  kind: string;
  subject_kind: string;
  subject_id: string;
  ref: string | null;
  at: number;
  detail: string;
  event_seq: number;
}

function toSeqEvent(row: RawEvent & { seq: number }): SeqEvent {
  return { ...toEvent(row), seq: row.seq };
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
