import type { PqlState, SubjectState } from '../../../core/engine';
import type { WeekCounts } from '../../../core/metrics';
import type { NewDelivery, Outbox } from './sqlite-outbox';
import type { SuppressedAnnouncement, SuppressedLog } from './sqlite-suppressed';

/**
 * What the collector keeps. The SQLite store implements it for one collector; a
 * PostgreSQL store can implement the same for several collectors sharing one database.
 */

/** One validated message, ready to be stored. */
export interface EventRow {
  messageId: string;
  /** The client's own timestamp (ms) as sent, or 0: with the id, the key a retry repeats. */
  clientTs: number;
  type: string;
  /** The track event's name, or the page/screen name. */
  event: string | null;
  userId: string | null;
  anonymousId: string | null;
  /** The account: `groupId` of a group call, or `context.groupId` of any message. */
  groupId: string | null;
  /** When it happened (ms since epoch), corrected for the client's clock skew. */
  timestamp: number;
  receivedAt: number;
  /** The message as received, as JSON. */
  payload: string;
}

export interface InsertResult {
  inserted: number;
  duplicates: number;
  /** Rows the database refused (by their index in the request's rows); the others are stored. */
  refused?: { index: number; reason: string }[];
}

export interface StoredEvent extends Omit<EventRow, 'payload' | 'clientTs'> {
  payload: Record<string, unknown>;
}

export interface ProfileRow {
  id: string;
  traits: Record<string, unknown>;
  firstSeen: number;
  lastSeen: number;
}

export interface UserProfile extends ProfileRow {
  anonymousIds: string[];
  accountIds: string[];
}

export interface AccountProfile extends ProfileRow {
  userIds: string[];
}

/** A stored event with its position in the store (arrival order). */
export interface SeqEvent extends StoredEvent {
  seq: number;
}

export type SubjectKind = 'user' | 'account';

/** UI choices that follow the user across devices, like a dismissed checklist. */
export interface Prefs {
  dismissed?: Record<string, number>;
}

export interface SubjectRecord {
  kind: SubjectKind;
  id: string;
  state: SubjectState;
  prefs: Prefs;
  /** Event times the PQL definitions of this subject's scope count. */
  pql: PqlState;
}

/** A subject's score for one PQL definition. */
export interface PqlScoreRow {
  definition: string;
  kind: SubjectKind;
  id: string;
  score: number;
  /** The score's fit, value and intent parts (they add up to `score`), for the segment matrix. */
  fit: number;
  value: number;
  intent: number;
  qualifies: boolean;
  firstQualifiedAt: number | null;
  scoredAt: number;
  /** When a window next drops points, so it is scored again then. */
  nextExpiry: number | null;
  reasons: unknown[];
}

/** One decision of the rule engine, kept in order for metrics and notifications. */
export interface Decision {
  kind: string;
  subjectKind: SubjectKind;
  subjectId: string;
  /** What it is about: a milestone id, a checklist id, `checklist/item`. */
  ref: string | null;
  at: number;
  detail: unknown;
  eventSeq: number;
}

/** A goal a user may reach after a start: the conversion event, or a nudge's goal. */
export interface GoalQuery {
  event: string;
  /** Which goal events count, by their properties; every one when absent. */
  matches?: ((properties: Record<string, unknown> | undefined) => boolean) | undefined;
  /** How long after the start a goal event counts (ms); any time after when absent. */
  withinMs?: number | undefined;
}

/** What the metrics report counts, for the users first seen in `[from, to)`. */
export interface MetricsQuery {
  from: number;
  to: number;
  /** Reached after the user was first seen. */
  conversion: GoalQuery | null;
  /** Milestones whose cohort users to count (the checklist items'). */
  milestones: readonly string[];
  /** Nudges; a goal is reached after the user's first show, an experiment's after the first exposure. */
  nudges: readonly { id: string; goal: GoalQuery | null; experiment: boolean }[];
  /** PQL definitions; an account-scope one counts the accounts first seen in the range. */
  pql: readonly { id: string; scope: SubjectKind }[];
}

export interface NudgeUserCounts {
  eligible: number;
  shown: number;
  clicked: number;
  dismissed: number;
  converted: number;
}

export interface MetricsCounts {
  /**
   * New users; those activated; those who ever qualified under a user-scope definition or
   * belong to an account that did under an account-scope one; those who converted.
   */
  funnel: { newUsers: number; activated: number; pql: number; converted: number };
  /** New users who converted, PQL or not. */
  convertedUsers: number;
  /** First seen → activation of each activated user (ms), unsorted. */
  ttvMs: number[];
  /** Week by week from `from`: the week's new users, activations, TTVs, and PQLs first qualified. */
  weeks: WeekCounts[];
  /** Milestone id → users who reached it, themselves or through one of their accounts. */
  milestones: Record<string, number>;
  nudges: Record<string, NudgeUserCounts>;
  experiments: Record<
    string,
    {
      treatment: { exposed: number; converted: number };
      control: { exposed: number; converted: number };
    }
  >;
  /** Definition id → subjects scored, qualifying now, and how many have each fit and value score. */
  pql: Record<
    string,
    { scored: number; qualified: number; cells: { fit: number; value: number; count: number }[] }
  >;
}

export interface ProjectionBatch {
  /** Webhook deliveries the decisions cause, kept or lost with them. */
  deliveries?: NewDelivery[];
  /** Announcements held back: history, or sent before. */
  suppressed?: SuppressedAnnouncement[];
  subjects: SubjectRecord[];
  scores: PqlScoreRow[];
  decisions: Decision[];
  /** anonymousId → userId links the projection made. */
  links: [string, string][];
  cursor: number;
}

export interface Store {
  /** Webhook deliveries waiting to be sent, and their history. */
  readonly outbox: Outbox;
  /** Webhook announcements the projection held back, and why. */
  readonly suppressed: SuppressedLog;
  /**
   * Stores messages in one transaction: when the promise resolves they are committed.
   * A message whose `messageId` is already stored is skipped and counted as a duplicate.
   */
  insertEvents(rows: readonly EventRow[]): Promise<InsertResult>;
  getUser(userId: string): Promise<UserProfile | null>;
  getAccount(accountId: string): Promise<AccountProfile | null>;
  /** Just the traits of a user or an account (empty when unknown). */
  traitsOf(kind: SubjectKind, id: string): Promise<Record<string, unknown>>;
  /**
   * A subject's traits as they stood after each identify (user) or group (account) call
   * up to `until`, in event-time order: what PQL scoring reads at the time of an event.
   */
  traitHistory(
    kind: SubjectKind,
    id: string,
    until: number,
  ): Promise<{ at: number; traits: Record<string, unknown> }[]>;
  /** A user's events (their own and those sent before identify under a linked anonymousId), newest first. */
  userTimeline(userId: string, limit: number): Promise<StoredEvent[]>;
  accountTimeline(accountId: string, limit: number): Promise<StoredEvent[]>;
  countEvents(): Promise<number>;
  /** Subscribes to commits that stored new events. */
  onCommit(listener: () => void): void;

  // The rule engine's projection of the events, read and written by one projector.
  projectionState(): Promise<{ cursor: number; rulesHash: string } | null>;
  /** Forgets every decision, so the events are projected again under new rules. */
  resetProjection(rulesHash: string): Promise<void>;
  eventsAfter(seq: number, limit: number): Promise<SeqEvent[]>;
  /** Events of an anonymous id that carry no userId, before `beforeSeq`. */
  anonymousEvents(anonymousId: string, beforeSeq: number): Promise<SeqEvent[]>;
  projectedUser(anonymousId: string): Promise<string | null>;
  loadSubject(kind: SubjectKind, id: string): Promise<SubjectRecord | null>;
  saveProjection(batch: ProjectionBatch): Promise<void>;
  decisionsOf(kind: SubjectKind, id: string, limit: number): Promise<Decision[]>;
  pqlScoresOf(kind: SubjectKind, id: string): Promise<PqlScoreRow[]>;
  /** A definition's scores, best first. */
  pqlList(
    definition: string,
    options: { qualifiedOnly: boolean; limit: number },
  ): Promise<PqlScoreRow[]>;
  /** How many subjects a definition's list has. */
  pqlCount(definition: string, options: { qualifiedOnly: boolean }): Promise<number>;
  /** Subjects whose scores lose points from a window by `now`. */
  pqlDue(now: number, limit: number): Promise<{ kind: SubjectKind; id: string }[]>;
  /** The metrics report's counts, in one consistent read. */
  metricsCounts(query: MetricsQuery): Promise<MetricsCounts>;
  /** The account a user acted in most recently. */
  latestAccount(userId: string): Promise<string | null>;
  /** Every account a user belongs to. */
  accountsOf(userId: string): Promise<string[]>;
  /** When the first of an account's users activated, as the projection last saved them. */
  firstMemberActivation(accountId: string): Promise<number | null>;
  close(): Promise<void>;
}
