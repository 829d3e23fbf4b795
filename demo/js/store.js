/**
 * TeamChat's whole database, kept in localStorage because the demo has no backend.
 * One key per collection, so it reads well in the browser's dev tools. Other tabs see
 * changes through the `storage` event, so two tabs stay in sync.
 */
export const STORAGE_KEYS = {
  users: 'teamchat:users',
  workspaces: 'teamchat:workspaces',
  channels: 'teamchat:channels',
  messages: 'teamchat:messages',
  session: 'teamchat:session',
};

const EMPTY = { users: [], workspaces: [], channels: [], messages: [], session: null };

export function createStore(storage = safeLocalStorage()) {
  const listeners = new Set();
  let state = load();
  let warned = false;

  function load() {
    const next = {};
    for (const [name, key] of Object.entries(STORAGE_KEYS)) next[name] = read(key, EMPTY[name]);
    return next;
  }

  function read(key, fallback) {
    try {
      const raw = storage?.getItem(key);
      return raw ? JSON.parse(raw) : fallback;
    } catch {
      return fallback;
    }
  }

  function write(key, value) {
    try {
      if (value == null) storage?.removeItem(key);
      else storage?.setItem(key, JSON.stringify(value));
    } catch (error) {
      // Quota exceeded or storage disabled: keep going in memory for this tab.
      if (!warned) console.warn('[teamchat] could not save to localStorage.', error);
      warned = true;
    }
  }

  function emit() {
    for (const listener of listeners) listener(state);
  }

  globalThis.addEventListener?.('storage', (event) => {
    if (event.key !== null && !Object.values(STORAGE_KEYS).includes(event.key)) return;
    state = load();
    emit();
  });

  return {
    get state() {
      return state;
    },
    /** Replaces whole collections, e.g. `update({ channels: [...channels, channel] })`. */
    update(changes) {
      state = { ...state, ...changes };
      for (const name of Object.keys(changes)) write(STORAGE_KEYS[name], changes[name]);
      emit();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function safeLocalStorage() {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    // Some browsers throw on the mere access when site data is blocked.
    return null;
  }
}
