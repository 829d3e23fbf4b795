import type { Platform } from '../platform';
import { effect } from '../reactive';
import type { Store } from '../storage';
import type { Warn } from '../warn';
import type { Onboarding, ServerState, Snapshot } from './model';

/** What one tab posts to the others on the `ahakit` BroadcastChannel. */
interface TabMessage {
  writeKey: string;
  userId: string;
  snapshot: Snapshot;
}

export interface SyncOptions {
  model: Onboarding;
  platform: Pick<Platform, 'fetch' | 'channel'>;
  store: Store;
  /** The collector's origin, without a trailing slash. */
  endpoint: string;
  writeKey: string;
  warn: Warn;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Keeps a user's onboarding the same everywhere:
 * - this browser: the snapshot is stored in IndexedDB (`state:<writeKey>:<userId>` in the
 *   `config` store) on every change and merged back on the next page, so a reload shows
 *   progress at once;
 * - other tabs: every change is posted on `BroadcastChannel('ahakit')`, and what they
 *   post is merged (merging is idempotent, so an echo changes nothing and ends there);
 * - other devices: the collector's `/v1/users/:userId/state` is fetched on start and
 *   when the account changes, and merged.
 * Returns the function that stops it. Failures are one warning each; nothing rejects.
 */
export function startSync({ model, platform, store, endpoint, writeKey, warn }: SyncOptions) {
  const { userId } = model;
  const key = `state:${writeKey}:${userId}`;
  let stopped = false;

  void store.get(key).then((stored) => {
    if (!stopped && isObject(stored)) model.merge(stored as Partial<Snapshot>, false);
  });

  const fetchState = async () => {
    try {
      // The account is named: a collector without identity verification tells no one which it is.
      const query = new URLSearchParams({
        key: writeKey,
        locale: model.locale.peek(),
        account: model.accountId.peek() ?? '',
      });
      const url = `${endpoint}/v1/users/${encodeURIComponent(userId)}/state?${query}`;
      const response = await platform.fetch!(url, { credentials: 'omit' });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const body: unknown = await response.json();
      if (!isObject(body) || body.userId !== userId) throw new Error('not a user state');
      if (!stopped) model.merge(body as ServerState);
    } catch (error) {
      warn("could not load checklist progress; using this browser's", error);
    }
  };

  let channel: BroadcastChannel | undefined;
  try {
    channel = platform.channel?.('ahakit');
    if (channel) {
      channel.onmessage = ({ data }: MessageEvent<TabMessage>) => {
        if (isObject(data) && data.writeKey === writeKey && data.userId === userId) {
          model.merge(data.snapshot, false);
        }
      };
    }
  } catch (error) {
    warn('BroadcastChannel failed', error);
  }

  let first = true;
  const stopSaving = effect(() => {
    const snapshot = model.snapshot.value;
    if (first) {
      first = false;
      return;
    }
    void store.set(key, snapshot);
    try {
      channel?.postMessage({ writeKey, userId, snapshot } satisfies TabMessage);
    } catch (error) {
      warn('BroadcastChannel failed', error);
    }
  });

  // On start, and whenever the user moves to another account (its progress is elsewhere).
  const stopFetching = effect(() => {
    model.accountId.value;
    void fetchState();
  });

  return () => {
    stopped = true;
    stopSaving();
    stopFetching();
    channel?.close();
  };
}
