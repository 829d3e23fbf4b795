import type { KeyValueStorage } from '../platform';
import { uuid } from './ids';

export type Traits = Record<string, unknown>;

/** Who the browser's user is, as far as this page knows. */
export interface IdentityState {
  anonymousId: string;
  userId: string | null;
  /** The host backend's proof of `userId` (HMAC-SHA256 under the collector's identity secret). */
  userHash: string | null;
  traits: Traits;
  groupId: string | null;
  groupTraits: Traits;
}

export interface Identity {
  current(): IdentityState;
  /**
   * Sets the user; traits merge for the same user and replace for a different one. The
   * hash given replaces the one kept; none given keeps it for the same user only.
   */
  identify(userId: string, traits: Traits, userHash?: string): IdentityState;
  group(groupId: string, traits: Traits): IdentityState;
  /** Forgets user, traits and group, and starts a new anonymousId. */
  reset(): IdentityState;
}

/** A user who has not identified: no id, no traits, no group. */
const anonymous = () => ({
  userId: null,
  userHash: null,
  traits: {},
  groupId: null,
  groupTraits: {},
});

/**
 * Identity kept in `localStorage` under `ahakit:<writeKey>:anonymousId` and `…:user`, and
 * read from it every time: it is synchronous, so the first `track` of a page already has
 * it, and another tab's `identify` or `reset` applies to this tab's next message too. When
 * `localStorage` is missing or throws (Safari with cookies blocked, a full quota) it lives
 * in memory for this page and `onError` is told.
 */
export function createIdentity(
  writeKey: string,
  storage: KeyValueStorage | undefined,
  onError: (error: unknown) => void,
): Identity {
  const anonymousKey = `ahakit:${writeKey}:anonymousId`;
  const userKey = `ahakit:${writeKey}:user`;
  const memory = new Map<string, string>();

  const read = (key: string) => {
    try {
      if (storage) return storage.getItem(key);
    } catch (error) {
      onError(error);
    }
    return memory.get(key);
  };
  const write = (key: string, value: string) => {
    memory.set(key, value);
    try {
      storage?.setItem(key, value);
    } catch (error) {
      onError(error);
    }
  };

  const save = (state: IdentityState) => {
    const { anonymousId, ...user } = state;
    write(anonymousKey, anonymousId);
    write(userKey, JSON.stringify(user));
    return state;
  };

  const current = (): IdentityState => {
    let anonymousId = read(anonymousKey);
    if (!anonymousId) {
      anonymousId = uuid();
      write(anonymousKey, anonymousId);
    }
    let user: unknown;
    try {
      user = JSON.parse(read(userKey) ?? '{}');
    } catch {
      // Damaged by hand: an anonymous user.
    }
    return { anonymousId, ...anonymous(), ...(user as Partial<IdentityState>) };
  };

  return {
    current,
    identify(userId, traits, userHash) {
      const state = current();
      const same = userId === state.userId;
      return save({
        ...state,
        userId,
        userHash: userHash ?? (same ? state.userHash : null),
        traits: same ? { ...state.traits, ...traits } : traits,
      });
    },
    group(groupId, traits) {
      const state = current();
      return save({
        ...state,
        groupId,
        groupTraits: groupId === state.groupId ? { ...state.groupTraits, ...traits } : traits,
      });
    },
    reset: () => save({ anonymousId: uuid(), ...anonymous() }),
  };
}
