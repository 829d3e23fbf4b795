/**
 * What the collector keeps. The SQLite store implements it for one collector; a
 * PostgreSQL store can implement the same for several collectors sharing one database.
 */

/** One validated message, ready to be stored. */
export interface EventRow {
  messageId: string;
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
}

export interface StoredEvent extends Omit<EventRow, 'payload'> {
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

export interface Store {
  /**
   * Stores messages in one transaction: when the promise resolves they are committed.
   * A message whose `messageId` is already stored is skipped and counted as a duplicate.
   */
  insertEvents(rows: readonly EventRow[]): Promise<InsertResult>;
  getUser(userId: string): Promise<UserProfile | null>;
  getAccount(accountId: string): Promise<AccountProfile | null>;
  /** A user's events (their own and those sent before identify under a linked anonymousId), newest first. */
  userTimeline(userId: string, limit: number): Promise<StoredEvent[]>;
  accountTimeline(accountId: string, limit: number): Promise<StoredEvent[]>;
  countEvents(): Promise<number>;
  close(): Promise<void>;
}
