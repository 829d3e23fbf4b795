import { effect } from '@preact/signals-core';
import type { AhakitEvents } from '../api';
import type { Store } from '../delivery/storage';
import type { Emitter } from '../emitter';
import { httpProblem } from '../http-problem';
import type { Platform } from '../platform';
import type { Warn } from '../warn';
import type { Onboarding, ServerState, Snapshot } from './model';

/** What one tab posts to the others on the `ahakit` BroadcastChannel. */
interface TabMessage {
  writeKey: string;
  userId: string;
  snapshot: Snapshot;
}

/** The collector projects what it stored just after answering: ask a moment later. */
const AFTER_DELIVERY_MS = 1_500;
/** Deliveries after the first, and a tab coming back, refetch at most this often. */
const REFRESH_EVERY_MS = 60_000;

export interface SyncOptions {
  model: Onboarding;
  platform: Pick<Platform, 'fetch' | 'channel' | 'window'>;
  /** The instance's events: deliveries and tab focus refresh the collector's view. */
  on?: Emitter<AhakitEvents>['on'] | undefined;
  /** Who the user is: the state is asked for with their `userHash` when the page has one. */
  identity?: (() => { userId: string | null; userHash: string | null }) | undefined;
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
 * - other devices: the collector's `/v1/users/:userId/state` is fetched on start, when
 *   the account changes, after the first delivery of this page (events an earlier page
 *   left queued are only now acknowledged: the progress must not look less than the
 *   collector knows), and after later deliveries or on coming back to the tab once a
 *   minute has passed; and merged.
 * Returns the function that stops it. Failures are one warning each; nothing rejects.
 */
export function startSync({
  model,
  platform,
  store,
  endpoint,
  writeKey,
  warn,
  on,
  identity,
}: SyncOptions) {
  const { userId } = model;
  const key = `state:${writeKey}:${userId}`;
  let stopped = false;

  void store.get(key).then((stored) => {
    if (!stopped && isObject(stored)) model.merge(stored as Partial<Snapshot>, false);
  });

  let lastFetch = 0;
  const fetchState = async () => {
    lastFetch = Date.now();
    try {
      // The account is named: a collector without identity verification tells no one which it is.
      const query = new URLSearchParams({
        key: writeKey,
        locale: model.locale.peek(),
        account: model.accountId.peek() ?? '',
      });
      // With identity verification on, the collector answers only a proven user.
      const me = identity?.();
      if (me?.userId === userId && me.userHash) query.set('userHash', me.userHash);
      const url = `${endpoint}/v1/users/${encodeURIComponent(userId)}/state?${query}`;
      const response = await platform.fetch!(url, { credentials: 'omit' });
      if (!response.ok) throw new Error(await httpProblem(response));
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

  let delivered = false;
  let refresh: ReturnType<typeof setTimeout> | undefined;
  const stale = () => Date.now() - lastFetch > REFRESH_EVERY_MS;
  const offDelivered = on?.('delivered', () => {
    if (refresh || (delivered && !stale())) return;
    delivered = true;
    refresh = setTimeout(() => {
      refresh = undefined;
      if (!stopped) void fetchState();
    }, AFTER_DELIVERY_MS);
  });
  const doc = platform.window?.document;
  const onVisible = () => {
    if (doc?.visibilityState === 'visible' && stale()) void fetchState();
  };
  doc?.addEventListener('visibilitychange', onVisible);

  return () => {
    stopped = true;
    clearTimeout(refresh);
    offDelivered?.();
    doc?.removeEventListener('visibilitychange', onVisible);
    stopSaving();
    stopFetching();
    channel?.close();
  };
}
