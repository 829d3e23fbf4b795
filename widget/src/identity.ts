import type { KeyValueStorage } from './platform';

export type Traits = Record<string, unknown>;

/** Who the browser's user is, as far as this page knows. */
export interface IdentityState {
  anonymousId: string;
  userId: string | null;
  traits: Traits;
  groupId: string | null;
  groupTraits: Traits;
}

export interface Identity {
  current(): IdentityState;
  /** Sets the user; traits merge for the same user and replace for a different one. */
  identify(userId: string, traits: Traits): IdentityState;
  group(groupId: string, traits: Traits): IdentityState;
  /** Forgets user, traits and group, and starts a new anonymousId. */
  reset(): IdentityState;
  /** Reads the stored state again (another tab of the same site changed it). */
  reload(): IdentityState;
  /** The prefix of every key this identity stores under, for `storage` events. */
  keyPrefix: string;
}

const isObject = (value: unknown): value is Traits =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Identity kept in `localStorage` (synchronous, so the first `track` of a page already has
 * it) under `ahakit:<writeKey>:…`. When `localStorage` is missing or throws (Safari with
 * cookies blocked, a full quota) it lives in memory for this page and `onError` is told.
 */
export function createIdentity(options: {
  writeKey: string;
  storage: KeyValueStorage | undefined;
  newId: () => string;
  onError: (error: unknown) => void;
}): Identity {
  const keyPrefix = `ahakit:${options.writeKey}:`;
  const anonymousKey = `${keyPrefix}anonymousId`;
  const userKey = `${keyPrefix}user`;
  const memory = new Map<string, string>();

  const read = (key: string): string | null => {
    try {
      if (options.storage) return options.storage.getItem(key);
    } catch (error) {
      options.onError(error);
    }
    return memory.get(key) ?? null;
  };
  const write = (key: string, value: string | null) => {
    if (value === null) memory.delete(key);
    else memory.set(key, value);
    try {
      if (!options.storage) return;
      if (value === null) options.storage.removeItem(key);
      else options.storage.setItem(key, value);
    } catch (error) {
      options.onError(error);
    }
  };

  const load = (): IdentityState => {
    let anonymousId = read(anonymousKey);
    if (!anonymousId) {
      anonymousId = options.newId();
      write(anonymousKey, anonymousId);
    }
    let stored: unknown = null;
    try {
      stored = JSON.parse(read(userKey) ?? 'null');
    } catch {
      stored = null;
    }
    const user = isObject(stored) ? stored : {};
    return {
      anonymousId,
      userId: typeof user.userId === 'string' ? user.userId : null,
      traits: isObject(user.traits) ? user.traits : {},
      groupId: typeof user.groupId === 'string' ? user.groupId : null,
      groupTraits: isObject(user.groupTraits) ? user.groupTraits : {},
    };
  };

  let state = load();

  const save = (next: IdentityState): IdentityState => {
    state = next;
    write(anonymousKey, next.anonymousId);
    const { userId, traits, groupId, groupTraits } = next;
    const empty = userId === null && groupId === null && Object.keys(traits).length === 0;
    write(userKey, empty ? null : JSON.stringify({ userId, traits, groupId, groupTraits }));
    return state;
  };

  return {
    keyPrefix,
    current: () => state,
    identify: (userId, traits) =>
      save({
        ...state,
        userId,
        traits: userId === state.userId ? { ...state.traits, ...traits } : { ...traits },
      }),
    group: (groupId, traits) =>
      save({
        ...state,
        groupId,
        groupTraits:
          groupId === state.groupId ? { ...state.groupTraits, ...traits } : { ...traits },
      }),
    reset: () =>
      save({
        anonymousId: options.newId(),
        userId: null,
        traits: {},
        groupId: null,
        groupTraits: {},
      }),
    reload: () => {
      state = load();
      return state;
    },
  };
}
