import type { AhakitConfig } from '../../../core/config/schema';
import {
  applyEvent,
  applyPqlEvent,
  type Change,
  compileNudges,
  compilePql,
  compileRules,
  decide,
  emptyPqlState,
  emptyState,
  type FatigueHistory,
  type NudgeHistory,
  type PqlState,
  pagePath,
  SIGNAL_EVENT,
  type SignalHit,
  type SignalInput,
  type SubjectState,
  scorePql,
  signalsFor,
  TALK_TO_SALES,
  triggeredNudges,
  type UsageMarks,
} from '../../../core/engine';
import type { Properties } from '../../../core/engine/compare';
import { NUDGE_EVENTS } from '../../../core/engine/nudges/events';
import type { WebhookEvent } from '../webhooks/events';
import { subscribes } from '../webhooks/plan';
import {
  describeChange,
  describeNudge,
  describeQualified,
  describeSignal,
  describeUnqualified,
  formatDuration,
} from './describe';
import { type FileMessage, readEvents } from './read-events';

export { formatDuration };

export type SimulationKind =
  | 'milestone'
  | 'activation'
  | 'checklist'
  | 'signal'
  | 'nudge'
  | 'pql'
  | 'webhook';

/** One thing that fired, and the event (by line) that caused it. */
export interface SimulationLine {
  /** The line of the events file whose message caused it. */
  line: number;
  /** The user (or `anonymous <id>`), or the account for account-scope decisions. */
  subject: string;
  kind: SimulationKind;
  text: string;
  /** When it happened: the causing message's time. */
  at: string;
  /** The causing message in a few words: `track "message_sent"`, `page /pricing`. */
  cause: string;
  /** The facts behind the text, for machines (`--json`). */
  data: Record<string, unknown>;
}

/** A subject's score under one PQL definition after the last event. */
export interface SimulatedScore {
  definition: string;
  kind: 'user' | 'account';
  id: string;
  score: number;
  threshold: number;
  qualifies: boolean;
  /** When it first qualified (the time of the event that made it), if it did. */
  firstQualifiedAt: string | null;
  reasons: { rule: string; label: string; points: number; detail: string }[];
  /** The required conditions that do not hold. */
  missing: string[];
}

export interface Simulation {
  lines: SimulationLine[];
  scores: SimulatedScore[];
  /** Lines that were skipped, and why. */
  problems: string[];
}

/** What the simulation remembers about one user, as the widget and collector would. */
interface UserSim {
  state: SubjectState;
  pql: PqlState;
  traits: Properties;
  marks: UsageMarks;
  nudges: Record<string, NudgeHistory>;
  fatigue: FatigueHistory;
  lastSeen: number | null;
  /** The account of the user's latest event that named one. */
  accountId: string | null;
}

interface AccountSim {
  state: SubjectState;
  pql: PqlState;
  traits: Properties;
  /** When its first user activated. */
  activatedAt: number | null;
}

/** A new session after this long without an event, as in most analytics tools. */
const SESSION_GAP_MS = 30 * 60_000;

/**
 * Replays an events file through the whole rule engine, exactly as the widget and the
 * collector would decide, and says what fires and why, each with the line that caused it:
 * milestones, activation and checklist items; hand-raise signals; nudge decisions (shown,
 * held back by its experiment, suppressed by its frequency limits or the fatigue budget,
 * or waiting behind another nudge); PQL qualifications with score and reasons; and the
 * webhook events the collector would send. Events are replayed in file order.
 *
 * Signals are derived as the widget derives them: page signals from `page` calls, usage
 * signals from `$usage` events (or their configured event), event signals from tracked
 * events. A `$signal` event in the file counts for what cannot be derived from events: a
 * click signal, or a prompt's "talk to sales".
 */
export function simulate(config: AhakitConfig, file: string): Simulation {
  const { messages, problems } = readEvents(file);
  return { ...simulateMessages(config, messages), problems };
}

export function simulateMessages(
  config: AhakitConfig,
  messages: readonly FileMessage[],
): Omit<Simulation, 'problems'> {
  const rules = compileRules(config);
  const nudgeRules = compileNudges(config);
  const pql = compilePql(config);
  const definitions = [...pql.definitions.values()];
  const users = new Map<string, UserSim>();
  const accounts = new Map<string, AccountSim>();
  const linked = new Map<string, string>();
  const milestones = new Map(config.milestones.map((m) => [m.id, m]));
  const qualified = new Map<string, number>();
  const qualifiesNow = new Map<string, boolean>();
  const out: SimulationLine[] = [];

  const userSim = (id: string): UserSim => {
    let u = users.get(id);
    if (!u) {
      u = {
        state: emptyState(),
        pql: emptyPqlState(),
        traits: {},
        marks: {},
        nudges: {},
        fatigue: { sessionShows: 0, recentShows: [] },
        lastSeen: null,
        accountId: null,
      };
      users.set(id, u);
    }
    return u;
  };
  const accountSim = (id: string): AccountSim => {
    let a = accounts.get(id);
    if (!a) {
      a = { state: emptyState(), pql: emptyPqlState(), traits: {}, activatedAt: null };
      accounts.set(id, a);
    }
    return a;
  };

  for (const { line, message: m, accountId, at } of messages) {
    if (m.type === 'identify' && m.userId && m.anonymousId) linked.set(m.anonymousId, m.userId);
    if (m.type === 'alias' && m.userId) linked.set(m.previousId, m.userId);
    const userId =
      m.userId ??
      (m.anonymousId ? (linked.get(m.anonymousId) ?? `anonymous ${m.anonymousId}`) : null);
    if (!userId) continue;
    const cause = causeOf(m);
    const emit = (
      kind: SimulationKind,
      subject: string,
      text: string,
      data: Record<string, unknown>,
    ) => out.push({ line, subject, kind, text, at: iso(at), cause, data });

    const user = userSim(userId);
    const account = accountId ? accountSim(accountId) : undefined;
    if (accountId) user.accountId = accountId;
    if (user.lastSeen === null || at - user.lastSeen > SESSION_GAP_MS) {
      user.fatigue = { ...user.fatigue, sessionShows: 0 };
    }
    user.lastSeen = Math.max(user.lastSeen ?? at, at);
    if (m.type === 'identify' && m.traits) user.traits = { ...user.traits, ...m.traits };
    if (m.type === 'group' && account && m.traits)
      account.traits = { ...account.traits, ...m.traits };

    // Milestones, activation, checklists.
    const properties =
      m.type === 'track' || m.type === 'page' || m.type === 'screen'
        ? (m.properties as Properties | undefined)
        : undefined;
    const applied = applyEvent(
      rules,
      account ? { user: user.state, account: account.state } : { user: user.state },
      {
        messageId: m.messageId ?? `line-${line}`,
        type: m.type,
        event: m.type === 'track' ? m.event : undefined,
        properties,
        timestamp: at,
        userId,
        accountId,
      },
    );
    user.state = applied.user;
    if (account && applied.account) account.state = applied.account;
    const reached: string[] = [];
    const what = m.type === 'track' ? `"${m.event}"` : m.type;
    for (const change of applied.changes) {
      const subject =
        change.kind === 'milestone' && change.scope === 'account' && accountId ? accountId : userId;
      emit(kindOf(change), subject, describeChange(change, what, milestones, accountId), {
        ...change,
      });
      if (change.kind === 'milestone') {
        reached.push(change.id);
        webhooks(
          'milestone.reached',
          { milestone: { id: change.id } },
          change.scope === 'account' && accountId ? accountId : userId,
          `milestone ${change.id}`,
        );
      }
      if (change.kind === 'activation') {
        if (account && (account.activatedAt === null || change.at < account.activatedAt))
          account.activatedAt = change.at;
        webhooks('activation', {}, userId, 'activation');
      }
    }

    // Hand-raise signals, as the widget raises them.
    const hits = signalHits(m, user);
    const pqlEvents: { event: string; properties?: Properties }[] = [];
    if (m.type === 'track' && m.event !== SIGNAL_EVENT)
      pqlEvents.push({ event: m.event, ...(properties ? { properties } : {}) });
    for (const hit of hits) {
      emit('signal', userId, describeSignal(hit, config), {
        signalId: hit.signalId,
        trigger: hit.trigger,
      });
      pqlEvents.push({
        event: SIGNAL_EVENT,
        properties: { signalId: hit.signalId, ...hit.trigger },
      });
      webhooks('handraise', { signal: { id: hit.signalId } }, userId, `hand-raise ${hit.signalId}`);
    }
    for (const e of pqlEvents) {
      const event = { type: 'track', event: e.event, properties: e.properties, timestamp: at };
      user.pql = applyPqlEvent(pql, user.pql, event, 'user');
      if (account) account.pql = applyPqlEvent(pql, account.pql, event, 'account');
    }

    // Nudges: what the widget would decide right now.
    noteNudgeEvent(m, user, at);
    const triggered = triggeredNudges(nudgeRules, {
      signals: hits,
      milestones: reached,
      ...(m.type === 'track' ? { event: { event: m.event, properties } } : {}),
      ...(m.type === 'page' ? { path: pathOf(m) ?? undefined } : {}),
    });
    if (triggered.length > 0) {
      const decision = decide(nudgeRules, {
        triggered,
        audience: {
          traits: user.traits,
          accountTraits: account?.traits,
          user: user.state,
          account: account?.state,
          rules,
        },
        history: user.nudges,
        fatigue: user.fatigue,
        userId,
        now: at,
      });
      for (const d of describeNudge(decision, nudgeRules)) emit('nudge', userId, d.text, d.data);
      if (decision.pick) {
        const before = user.nudges[decision.pick.nudgeId];
        user.nudges = {
          ...user.nudges,
          [decision.pick.nudgeId]: { ...before, shows: (before?.shows ?? 0) + 1, lastShownAt: at },
        };
        if (decision.pick.kind === 'show') {
          user.fatigue = {
            sessionShows: user.fatigue.sessionShows + 1,
            recentShows: [...user.fatigue.recentShows, at],
          };
        }
      }
    }

    // PQL scores of the user and their account, read at this event.
    for (const d of definitions) {
      const scored =
        d.scope === 'user'
          ? {
              kind: 'user' as const,
              id: userId,
              state: user.pql,
              subject: user.state,
              activatedAt: undefined,
            }
          : account && accountId
            ? {
                kind: 'account' as const,
                id: accountId,
                state: account.pql,
                subject: account.state,
                activatedAt: account.activatedAt,
              }
            : null;
      if (!scored) continue;
      const score = scorePql(pql, d.id, {
        state: scored.state,
        traits: d.scope === 'user' ? user.traits : undefined,
        accountTraits: account?.traits,
        subject: scored.subject,
        account: d.scope === 'user' ? account?.state : undefined,
        ...(scored.activatedAt !== undefined ? { activatedAt: scored.activatedAt } : {}),
        now: at,
      });
      const key = `${scored.kind}:${scored.id}:${d.id}`;
      const was = qualifiesNow.get(key) ?? false;
      qualifiesNow.set(key, score.qualifies);
      if (score.qualifies === was) continue;
      if (score.qualifies) {
        if (!qualified.has(key)) qualified.set(key, at);
        emit('pql', scored.id, describeQualified(score), {
          definition: d.id,
          score: score.score,
          threshold: score.threshold,
          qualifies: true,
          reasons: score.reasons,
        });
        webhooks('pql.qualified', { definition: d.id }, scored.id, `PQL ${d.id}`);
      } else {
        emit('pql', scored.id, describeUnqualified(score), {
          definition: d.id,
          score: score.score,
          threshold: score.threshold,
          qualifies: false,
          missing: score.missing.map((x) => x.label),
        });
      }
    }

    function webhooks(
      type: WebhookEvent['type'],
      data: Record<string, unknown>,
      subject: string,
      what: string,
    ) {
      for (const hook of config.webhooks) {
        if (!subscribes(hook, { type, data } as unknown as WebhookEvent)) continue;
        emit('webhook', subject, `webhook ${hook.id} would receive ${type} (${what})`, {
          webhook: hook.id,
          type,
          ...data,
        });
      }
    }
  }

  const last = messages.length > 0 ? Math.max(...messages.map((x) => x.at)) : 0;
  return { lines: out, scores: finalScores() };

  function finalScores(): SimulatedScore[] {
    const scores: SimulatedScore[] = [];
    for (const d of definitions) {
      const subjects =
        d.scope === 'user'
          ? [...users.entries()].map(([id, u]) => {
              const account = u.accountId ? accounts.get(u.accountId) : undefined;
              return {
                id,
                state: u.pql,
                subject: u.state,
                traits: u.traits as Properties | undefined,
                accountTraits: account?.traits,
                account: account?.state,
                activatedAt: undefined as number | null | undefined,
              };
            })
          : [...accounts.entries()].map(([id, a]) => ({
              id,
              state: a.pql,
              subject: a.state,
              traits: undefined as Properties | undefined,
              accountTraits: a.traits,
              account: undefined,
              activatedAt: a.activatedAt as number | null | undefined,
            }));
      for (const s of subjects) {
        const score = scorePql(pql, d.id, {
          state: s.state,
          traits: s.traits,
          accountTraits: s.accountTraits,
          subject: s.subject,
          account: s.account,
          ...(s.activatedAt !== undefined ? { activatedAt: s.activatedAt } : {}),
          now: last,
        });
        const first = qualified.get(`${d.scope}:${s.id}:${d.id}`);
        scores.push({
          definition: d.id,
          kind: d.scope,
          id: s.id,
          score: score.score,
          threshold: score.threshold,
          qualifies: score.qualifies,
          firstQualifiedAt: first === undefined ? null : iso(first),
          reasons: score.reasons.map(({ rule, label, points, detail }) => ({
            rule,
            label,
            points,
            detail,
          })),
          missing: score.missing.map((x) => x.label),
        });
      }
    }
    return scores;
  }

  function signalHits(m: FileMessage['message'], user: UserSim): SignalHit[] {
    const inputs: SignalInput[] = [];
    if (m.type === 'page' || m.type === 'screen') {
      // The path as the widget matches it: with the hash when a pattern has one.
      const path = pagePath(pageOf(m), nudgeRules.hashRoutes);
      if (path) inputs.push({ kind: 'page', path });
    } else if (m.type === 'track' && m.event === SIGNAL_EVENT) {
      // Only what events cannot show: a click, or a prompt's "talk to sales".
      const id = (m.properties as Properties | undefined)?.signalId;
      if (id === TALK_TO_SALES) {
        const p = (m.properties ?? {}) as Properties;
        return [
          {
            signalId: TALK_TO_SALES,
            trigger: {
              type: 'talk_to_sales',
              ...(typeof p.nudgeId === 'string' ? { nudgeId: p.nudgeId } : {}),
            } as unknown as SignalHit['trigger'],
          },
        ];
      }
      if (typeof id === 'string' && nudgeRules.signals.get(id)?.type === 'click')
        inputs.push({ kind: 'click', matched: id });
    } else if (m.type === 'track') {
      const p = m.properties as Properties | undefined;
      if (
        m.event === '$usage' &&
        p &&
        typeof p.metric === 'string' &&
        typeof p.used === 'number' &&
        typeof p.limit === 'number'
      )
        inputs.push({ kind: 'usage', metric: p.metric, used: p.used, limit: p.limit });
      inputs.push({ kind: 'event', event: m.event, properties: p });
    }
    const hits: SignalHit[] = [];
    for (const input of inputs) {
      const result = signalsFor(nudgeRules, input, user.marks);
      user.marks = result.marks;
      hits.push(...result.hits);
    }
    return hits;
  }
}

/** `$nudge_dismissed` and `$nudge_converted` in the file update the user's nudge history. */
function noteNudgeEvent(m: FileMessage['message'], user: UserSim, at: number): void {
  if (m.type !== 'track') return;
  const p = (m.properties ?? {}) as Properties;
  if (typeof p.nudgeId !== 'string') return;
  const before = user.nudges[p.nudgeId] ?? { shows: 0 };
  if (m.event === NUDGE_EVENTS.dismissed) {
    user.nudges = {
      ...user.nudges,
      [p.nudgeId]: {
        ...before,
        lastDismissedAt: at,
        ...(p.dontShowAgain === true ? { dontShowAgain: true } : {}),
      },
    };
  } else if (m.event === NUDGE_EVENTS.converted) {
    user.nudges = { ...user.nudges, [p.nudgeId]: { ...before, convertedAt: at } };
  }
}

/** A page message's page: its properties (Segment's `page` call), else `context.page`. */
function pageOf(m: FileMessage['message']): { path?: unknown; url?: unknown } {
  const p = (m as { properties?: Properties }).properties;
  if (p && typeof p.path === 'string') return p;
  return (m.context as { page?: { path?: unknown; url?: unknown } } | undefined)?.page ?? {};
}

function pathOf(m: FileMessage['message']): string | null {
  const { path } = pageOf(m);
  return typeof path === 'string' ? path : null;
}

function causeOf(m: FileMessage['message']): string {
  if (m.type === 'track') return `track "${m.event}"`;
  if (m.type === 'page' || m.type === 'screen') return `${m.type} ${pathOf(m) ?? ''}`.trim();
  return m.type;
}

function kindOf(change: Change): SimulationKind {
  return change.kind === 'checklist_item' || change.kind === 'checklist_complete'
    ? 'checklist'
    : change.kind;
}

function iso(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : 'unknown time';
}
