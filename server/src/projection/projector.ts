import { createHash } from 'node:crypto';
import type { AhakitConfig } from '../../../core/config/schema';
import {
  applyEvent,
  applyPqlEvent,
  type Change,
  compilePql,
  compileRules,
  type EngineEvent,
  emptyPqlState,
  emptyState,
  type PqlState,
  type Rules,
  type SubjectState,
} from '../../../core/engine';
import { TALK_TO_SALES } from '../../../core/engine/pql/signal-event';
import type {
  Decision,
  PqlScoreRow,
  SeqEvent,
  Store,
  SubjectKind,
  SubjectRecord,
} from '../store/store';
import { planDeliveries } from '../webhooks/plan';
import { type HandRaise, handRaiseOf } from './hand-raises';
import { scoreSubjects } from './score-subjects';
import { webhookEvents } from './webhook-events';

const CHUNK = 500;
const CACHE_LIMIT = 20_000;
/** Decisions are saved this often while events keep coming, and this soon once caught up. */
const SAVE_EVERY_MS = 1_000;
const SAVE_IDLE_MS = 100;
/** A save writes each changed subject; past this many, saving sooner keeps each pause short. */
const SAVE_MAX_SUBJECTS = 1_000;
/** Ingestion counts as busy for this long after a commit. */
const BUSY_MS = 50;
/** How often scores whose windows expire are looked at again. */
const EXPIRY_SWEEP_MS = 60_000;

export interface Projector {
  /** Starts projecting: replays everything when the rules changed since the last run. */
  start(): Promise<void>;
  /** Resolves once every event committed so far has been projected and saved. */
  settled(): Promise<void>;
  /** A subject's state as projected so far, saved or not yet. */
  read(kind: SubjectKind, id: string): Promise<SubjectRecord | null>;
  stop(): Promise<void>;
  /** Scores again the subjects whose PQL windows have expired by now. */
  sweep(): Promise<void>;
  readonly rules: Rules;
}

/** A hash of what the engine's decisions depend on: when it changes, they are made again. */
export function rulesHash(config: AhakitConfig): string {
  const { milestones, activation, checklists, signals, pql } = config;
  return createHash('sha256')
    .update(JSON.stringify({ milestones, activation, checklists, signals, pql }))
    .digest('hex');
}

/**
 * Runs the rule engine over the stored events, in the order they were stored, and keeps
 * each user's and account's state, the decisions made, and a cursor. It runs after the
 * commits that answer ingestion requests, so ingestion never waits for it, and while
 * ingestion is busy it takes at most a quarter of the time, so acknowledgements stay fast and
 * progress catches up when the load drops.
 *
 * States, decisions and the cursor are saved together in one transaction, at most once a
 * second under load (a subject changed a hundred times is written once) and shortly
 * after catching up. A crash loses no decision: the events are stored, and a restart
 * projects again from the saved cursor.
 *
 * Events sent before identify belong to an anonymous id: they are applied to the user
 * when the projection reaches the identify (or alias) that links the two, and later
 * anonymous events of a linked id go straight to the user.
 */
export function createProjector(
  store: Store,
  config: AhakitConfig,
  /** Called after a save put webhook deliveries in the outbox. */
  onDeliveries?: () => void,
): Projector {
  // Each stored message is projected once, so states need no ring of seen ids.
  const rules = compileRules(config, { seenLimit: 0 });
  const pql = compilePql(config);
  const scoring = pql.definitions.size > 0;
  const announcesHandRaises = config.webhooks.some(
    (w) => w.enabled && w.events.includes('handraise'),
  );
  // Only configured ids are kept or announced: a client may send any id, and each made-up
  // one would otherwise grow the user's state or page sales.
  const checklistIds = new Set(config.checklists.map((c) => c.id));
  const signalIds = new Set([...(config.signals ?? []).map((s) => s.id), TALK_TO_SALES]);
  const accountsReadActivation = [...pql.definitions.values()].some(
    (d) => d.scope === 'account' && d.readsActivation,
  );
  let sweepTimer: ReturnType<typeof setInterval> | null = null;
  const hash = rulesHash(config);
  let cursor = 0;
  let savedCursor = 0;
  let lastSave = Date.now();
  let lastCommit = 0;
  let saveTimer: ReturnType<typeof setTimeout> | null = null;
  let dirty = new Map<string, SubjectRecord>();
  /** The dirty subjects whose PQL scores may have changed. */
  let toScore = new Set<string>();
  /** The users whose activation was set or moved since the last save, and to when. */
  let activated = new Map<string, number>();
  let decisions: Decision[] = [];
  /** `$signal` events projected since the last save, for `handraise` webhooks. */
  let handRaises: HandRaise[] = [];
  let newLinks: [string, string][] = [];
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const cache = new Map<string, SubjectRecord>();
  const links = new Map<string, string>();

  function kick(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = drain()
      .catch((error) => {
        console.error('[ahakit] projection failed; it resumes with the next event', error);
      })
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          kick();
        }
      });
  }

  async function drain(): Promise<void> {
    for (;;) {
      const rows = await store.eventsAfter(cursor, CHUNK);
      if (rows.length === 0 || stopped) break;
      const started = performance.now();
      await project(rows);
      if (Date.now() - lastSave >= SAVE_EVERY_MS || dirty.size >= SAVE_MAX_SUBJECTS) await save();
      // Yield to ingestion; while it is busy, rest three times as long as the chunk took,
      // and long enough for the next chunk to gather events instead of trickling one by one.
      const busy = Date.now() - lastCommit < BUSY_MS;
      const rest = busy ? Math.max(3 * (performance.now() - started), BUSY_MS) : 0;
      await new Promise((resolve) =>
        rest > 0 ? setTimeout(resolve, rest) : setImmediate(resolve),
      );
    }
    if (!saveTimer && cursor !== savedCursor) {
      saveTimer = setTimeout(() => {
        saveTimer = null;
        void save().catch((error) => console.error('[ahakit] saving the projection failed', error));
      }, SAVE_IDLE_MS);
    }
  }

  async function save(): Promise<void> {
    if (saveTimer) {
      clearTimeout(saveTimer);
      saveTimer = null;
    }
    if (cursor === savedCursor && dirty.size === 0) return;
    // Take the buffers first: projection may go on while this save awaits.
    const subjects = [...dirty.values()];
    const batch = { subjects, scores: [] as PqlScoreRow[], decisions, links: newLinks, cursor };
    const changed = [...toScore].flatMap((key) => dirty.get(key) ?? []);
    const raised = handRaises;
    const activations = activated;
    dirty = new Map();
    toScore = new Set();
    activated = new Map();
    decisions = [];
    handRaises = [];
    newLinks = [];
    // An account is activated when its first user is: the accounts of the users who
    // activated since the last save are scored again, counting those activations, which
    // the store does not have yet.
    const memberActivation = new Map<string, number>();
    if (accountsReadActivation) {
      for (const [userId, at] of activations) {
        for (const accountId of await store.accountsOf(userId)) {
          const before = memberActivation.get(accountId);
          memberActivation.set(accountId, before === undefined ? at : Math.min(before, at));
        }
      }
      const scored = new Set(changed.map((r) => `${r.kind}:${r.id}`));
      for (const accountId of memberActivation.keys()) {
        if (scored.has(`account:${accountId}`)) continue;
        const record = await read('account', accountId);
        if (record) changed.push(record);
      }
    }
    if (scoring && changed.length > 0) {
      const scored = await scoreSubjects({
        store,
        pql,
        read,
        subjects: changed,
        now: Date.now(),
        cursor,
        accountActivatedAt: async (accountId) => {
          const saved = await store.firstMemberActivation(accountId);
          const unsaved = memberActivation.get(accountId) ?? null;
          return saved === null || unsaved === null ? (saved ?? unsaved) : Math.min(saved, unsaved);
        },
      });
      batch.scores = scored.scores;
      batch.decisions = [...batch.decisions, ...scored.decisions];
    }
    if (config.webhooks.length > 0) {
      const { events, suppressed } = await webhookEvents(
        store,
        config,
        batch.decisions,
        raised,
        batch.scores,
      );
      if (events.length > 0 || suppressed.length > 0) {
        await store.saveProjection({
          ...batch,
          deliveries: planDeliveries(config.webhooks, events),
          suppressed,
        });
        savedCursor = batch.cursor;
        lastSave = Date.now();
        if (events.length > 0) onDeliveries?.();
        return;
      }
    }
    await store.saveProjection(batch);
    savedCursor = batch.cursor;
    lastSave = Date.now();
  }

  async function read(kind: SubjectKind, id: string): Promise<SubjectRecord | null> {
    const key = `${kind}:${id}`;
    return dirty.get(key) ?? cache.get(key) ?? (await store.loadSubject(kind, id));
  }

  /** Scores whose windows expired are scored again: an old pricing visit stops counting. */
  async function sweep(): Promise<void> {
    const due = await store.pqlDue(Date.now(), 1_000);
    for (const { kind, id } of due) {
      const record = await read(kind, id);
      if (!record) continue;
      dirty.set(`${kind}:${id}`, record);
      toScore.add(`${kind}:${id}`);
    }
    if (due.length > 0) await save();
  }

  async function project(rows: SeqEvent[]): Promise<void> {
    const subject = async (kind: SubjectKind, id: string): Promise<SubjectRecord> => {
      const key = `${kind}:${id}`;
      let record = dirty.get(key) ?? cache.get(key);
      if (!record) {
        record = (await store.loadSubject(kind, id)) ?? {
          kind,
          id,
          state: emptyState(),
          prefs: {},
          pql: emptyPqlState(),
        };
      }
      // Re-inserting keeps the Map in least-recently-used order.
      cache.delete(key);
      cache.set(key, record);
      if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
      return record;
    };
    const put = (
      record: SubjectRecord,
      state: SubjectState,
      prefs = record.prefs,
      pqlState: PqlState = record.pql,
    ) => {
      if (state === record.state && prefs === record.prefs && pqlState === record.pql) return;
      const next = { ...record, state, prefs, pql: pqlState };
      const key = `${record.kind}:${record.id}`;
      dirty.set(key, next);
      cache.set(key, next);
      if (
        record.kind === 'user' &&
        state.activatedAt !== null &&
        state.activatedAt !== record.state.activatedAt
      ) {
        activated.set(record.id, state.activatedAt);
      }
      // Only what a score reads makes a subject worth scoring again.
      if (
        pqlState !== record.pql ||
        state.reached !== record.state.reached ||
        state.activatedAt !== record.state.activatedAt
      ) {
        toScore.add(key);
      }
    };
    const linkedUser = async (anonymousId: string) =>
      links.get(anonymousId) ?? (await store.projectedUser(anonymousId));

    const apply = async (row: SeqEvent, userId: string) => {
      const user = await subject('user', userId);
      // New traits change fit rules.
      if (row.type === 'identify') toScore.add(`user:${userId}`);
      if (row.type === 'group' && row.groupId) {
        toScore.add(`user:${userId}`);
        toScore.add(`account:${row.groupId}`);
      }
      const account = row.groupId ? await subject('account', row.groupId) : undefined;
      const event: EngineEvent = {
        messageId: row.messageId,
        type: row.type,
        event: row.type === 'track' ? (row.event ?? undefined) : undefined,
        properties: (row.payload.properties as Record<string, unknown> | undefined) ?? undefined,
        timestamp: row.timestamp,
        userId,
        accountId: row.groupId,
      };
      const applied = applyFor(rules, user, account, event);
      put(
        user,
        applied.user,
        prefsAfter(user.prefs, row, checklistIds),
        applyPqlEvent(pql, user.pql, event, 'user'),
      );
      if (account && applied.account) {
        put(
          account,
          applied.account,
          account.prefs,
          applyPqlEvent(pql, account.pql, event, 'account'),
        );
      }
      for (const change of applied.changes) decisions.push(toDecision(change, userId, row));
      // Saved with the cursor past this row, so each stored `$signal` is announced once.
      const raise = announcesHandRaises ? handRaiseOf(row, userId) : null;
      if (raise && signalIds.has(raise.signalId)) handRaises.push(raise);
    };

    for (const row of rows) {
      let userId = row.userId;
      if (!userId && row.anonymousId) userId = await linkedUser(row.anonymousId);
      const linkFrom =
        row.type === 'alias' && typeof row.payload.previousId === 'string'
          ? row.payload.previousId
          : row.type === 'identify'
            ? row.anonymousId
            : null;
      if (row.userId && linkFrom && !(await linkedUser(linkFrom))) {
        links.set(linkFrom, row.userId);
        newLinks.push([linkFrom, row.userId]);
        // The history sent before this identify, skipped until now, becomes the user's.
        for (const earlier of await store.anonymousEvents(linkFrom, row.seq))
          await apply(earlier, row.userId);
      }
      if (userId) await apply(row, userId);
      cursor = row.seq;
    }
    // Unsaved links are in newLinks too, so the map can be cut back to those.
    if (links.size > CACHE_LIMIT) {
      links.clear();
      for (const [from, to] of newLinks) links.set(from, to);
    }
  }

  return {
    rules,
    async start() {
      const saved = await store.projectionState();
      if (!saved || saved.rulesHash !== hash) {
        if (saved) console.log('[ahakit] the rules changed: projecting every stored event again');
        await store.resetProjection(hash);
        cursor = 0;
      } else {
        cursor = saved.cursor;
      }
      store.onCommit(() => {
        lastCommit = Date.now();
        kick();
      });
      kick();
      if (scoring) {
        sweepTimer = setInterval(() => void sweep().catch(() => undefined), EXPIRY_SWEEP_MS);
        sweepTimer.unref?.();
      }
    },
    async settled() {
      while (running) await running;
      const rest = await store.eventsAfter(cursor, 1);
      if (rest.length > 0) {
        kick();
        await this.settled();
        return;
      }
      await save();
    },
    read,
    sweep,
    async stop() {
      stopped = true;
      if (sweepTimer) clearInterval(sweepTimer);
      await running;
      await save();
    },
  };
}

function applyFor(
  rules: Rules,
  user: SubjectRecord,
  account: SubjectRecord | undefined,
  event: EngineEvent,
) {
  return applyEvent(
    rules,
    account ? { user: user.state, account: account.state } : { user: user.state },
    event,
  );
}

/**
 * `$checklist_dismissed` / `$checklist_restored` keep the user's choice for every device,
 * for the checklists of the config only, so the map stays as small as the config.
 */
function prefsAfter(
  prefs: SubjectRecord['prefs'],
  row: SeqEvent,
  checklistIds: ReadonlySet<string>,
): SubjectRecord['prefs'] {
  if (row.type !== 'track') return prefs;
  const checklistId =
    row.payload.properties && (row.payload.properties as Record<string, unknown>).checklistId;
  if (typeof checklistId !== 'string' || !checklistIds.has(checklistId)) return prefs;
  if (row.event === '$checklist_dismissed') {
    if (prefs.dismissed?.[checklistId] === row.timestamp) return prefs;
    return { ...prefs, dismissed: { ...prefs.dismissed, [checklistId]: row.timestamp } };
  }
  if (row.event === '$checklist_restored' && prefs.dismissed?.[checklistId] !== undefined) {
    const { [checklistId]: _restored, ...dismissed } = prefs.dismissed;
    return { ...prefs, dismissed };
  }
  return prefs;
}

function toDecision(change: Change, userId: string, row: SeqEvent): Decision {
  const base = { at: change.at, detail: change, eventSeq: row.seq };
  switch (change.kind) {
    case 'milestone':
      return change.scope === 'account' && row.groupId
        ? {
            ...base,
            kind: 'milestone',
            subjectKind: 'account',
            subjectId: row.groupId,
            ref: change.id,
          }
        : { ...base, kind: 'milestone', subjectKind: 'user', subjectId: userId, ref: change.id };
    case 'activation':
      return { ...base, kind: 'activation', subjectKind: 'user', subjectId: userId, ref: null };
    case 'checklist_item':
      return {
        ...base,
        kind: 'checklist_item',
        subjectKind: 'user',
        subjectId: userId,
        ref: `${change.checklistId}/${change.itemId}`,
      };
    case 'checklist_complete':
      return {
        ...base,
        kind: 'checklist_complete',
        subjectKind: 'user',
        subjectId: userId,
        ref: change.checklistId,
      };
  }
}
