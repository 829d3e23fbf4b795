/**
 * A typed event emitter whose handlers can never break the emitter: a handler that throws
 * is reported once through `onError` and the other handlers still run.
 */
export interface Emitter<Events> {
  on<K extends keyof Events>(name: K, handler: (payload: Events[K]) => void): () => void;
  emit<K extends keyof Events>(name: K, payload: Events[K]): void;
  clear(): void;
}

export function createEmitter<Events>(
  onError: (name: keyof Events, error: unknown) => void,
): Emitter<Events> {
  const handlers = new Map<keyof Events, Set<(payload: never) => void>>();
  return {
    on(name, handler) {
      let set = handlers.get(name);
      if (!set) {
        set = new Set();
        handlers.set(name, set);
      }
      set.add(handler);
      return () => {
        set.delete(handler);
      };
    },
    emit(name, payload) {
      const set = handlers.get(name);
      if (!set) return;
      for (const handler of [...set]) {
        try {
          (handler as (payload: Events[typeof name]) => void)(payload);
        } catch (error) {
          onError(name, error);
        }
      }
    },
    clear() {
      handlers.clear();
    },
  };
}
