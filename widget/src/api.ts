/** The public surface of an ahakit instance: its options, its events and its methods. */
import type { ConfigUpdate } from './config/config-loader';
import type { DropReason } from './delivery/delivery';
import type { Platform } from './platform';
import type { Traits } from './tracking/identity';
import type { JsonObject, WidgetMessage } from './tracking/messages';

export interface AhakitOptions {
  /** The public write key (`pk_…`) the collector accepts events for. */
  writeKey: string;
  /** The collector's origin, like `https://aha.example.com`. Default: this page's origin. */
  endpoint?: string;
  /** Events sent in one request at most. Overrides the config's `widget.batchSize`. */
  batchSize?: number;
  /** How long an event may wait for others before its batch is sent. */
  flushIntervalMs?: number;
  /** Unsent events kept at most; when full, the oldest are dropped first. */
  maxQueueSize?: number;
  /** Send a `page` message on load and on every SPA navigation. Default `true`. */
  trackPages?: boolean;
  /** Fetch the config from the collector. Default `true`. */
  loadConfig?: boolean;
  /**
   * Unsent events another page left in storage are adopted once they are this old, so a
   * tab that is still alive gets the chance to send its own first. Default 5000 ms.
   */
  adoptAfterMs?: number;
  /** Replacements for the browser's globals, for tests and unusual hosts. */
  platform?: Partial<Platform>;
}

/** What `on(name, handler)` handlers receive. */
export interface AhakitEvents {
  /** Every message queued for delivery (track, page, identify, group). */
  track: WidgetMessage;
  identify: { userId: string; traits: Traits };
  group: { groupId: string; traits: Traits };
  reset: { anonymousId: string };
  config: ConfigUpdate;
  /** The collector stored this many messages. */
  delivered: { count: number };
  /** This many messages are lost, and why. */
  dropped: { count: number; reason: DropReason };
}

/** Who the widget thinks the user is. */
export interface AhakitUser {
  anonymousId: string;
  userId: string | null;
  traits: Traits;
  groupId: string | null;
}

/**
 * One ahakit instance. No method throws: a problem is one `[ahakit]` warning in the console.
 */
export interface Ahakit {
  /**
   * Says who the user is. Later messages carry the `userId`; this one carries the
   * `anonymousId` too, so the collector links what the user did before signing in.
   * When the collector verifies identities (`AHAKIT_IDENTITY_SECRET`), pass the `userHash`
   * your backend computed, hex HMAC-SHA256 of the user id under that secret, with every
   * `identify`: messages then carry it, and the user's progress follows them across devices.
   * @example ahakit.identify('user_42', { email: 'ada@example.com', plan: 'free' });
   * @example ahakit.identify('user_42', { plan: 'free' }, { userHash: '5f1c…' });
   */
  identify(userId: string | number, traits?: Traits, options?: { userHash?: string }): void;
  /**
   * Says which account (workspace, company) the user acts for; later messages carry
   * `context.groupId`.
   * @example ahakit.group('acme', { name: 'Acme', seats: 12 });
   */
  group(accountId: string | number, traits?: Traits): void;
  /**
   * Records something the user did.
   * @example ahakit.track('channel_created', { members: 3 });
   */
  track(event: string, properties?: JsonObject): void;
  /**
   * Records a page view. Sent automatically on load and SPA navigation unless
   * `trackPages: false`; call it yourself to add properties.
   * @example ahakit.page({ section: 'billing' });
   */
  page(properties?: JsonObject): void;
  /**
   * Reports how much of a plan limit is used: a `$usage` track event, the signal that
   * a free user is nearing a limit.
   * @example ahakit.usage('messages', 1_800, 2_000);
   */
  usage(metric: string, used: number, limit: number): void;
  /**
   * Shows a nudge by its id from the config.
   * @example ahakit.show('upgrade_prompt');
   */
  show(nudgeId: string): void;
  /**
   * Subscribes to an event; returns the function that unsubscribes.
   * @example const stop = ahakit.on('dropped', ({ count, reason }) => report(count, reason));
   */
  on<K extends keyof AhakitEvents>(
    name: K,
    handler: (payload: AhakitEvents[K]) => void,
  ): () => void;
  /**
   * Forgets the user (on sign-out): user, traits and group go, a new anonymousId starts.
   * Events not yet sent are still sent, as the user who made them.
   * @example ahakit.reset();
   */
  reset(): void;
  /**
   * Sends everything waiting now. Resolves (never rejects) once the queue is empty or a
   * send failed; failed events stay queued and are retried.
   * @example await ahakit.flush();
   */
  flush(): Promise<void>;
  /**
   * Stops the instance: timers, listeners and the history patch go. Unsent events stay in
   * storage for the next page. Calls after it, a second destroy() too, do nothing; one
   * warning says so.
   */
  destroy(): void;
  /** Who the widget thinks the user is. */
  user(): AhakitUser;
  /** Resolves once stored state is loaded and events left by earlier pages are adopted. */
  readonly ready: Promise<void>;
}

const noop = () => {};

/** An instance that accepts every call and does nothing: the widget is off. */
export function createInertAhakit(): Ahakit {
  return {
    identify: noop,
    group: noop,
    track: noop,
    page: noop,
    usage: noop,
    show: noop,
    on: () => noop,
    reset: noop,
    flush: () => Promise.resolve(),
    destroy: noop,
    user: () => ({ anonymousId: '', userId: null, traits: {}, groupId: null }),
    ready: Promise.resolve(),
  };
}
