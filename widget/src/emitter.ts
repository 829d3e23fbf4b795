/**
 * A typed event emitter whose handlers can never break the emitter: a handler that throws
 * is reported through `onError` and the other handlers still run.
 */
export interface Emitter<Events> {
  on<K extends keyof Events>(name: K, handler: (payload: Events[K]) => void): () => void;
  emit<K extends keyof Events>(name: K, payload: Events[K]): void;
  clear(): void;
}

export function createEmitter<Events>(
  onError: (name: keyof Events, error: unknown) => void,
): Emitter<Events> {
  type Subscription = [name: keyof Events, handler: (payload: never) => void];
  const subscriptions = new Set<Subscription>();
  return {
    on(name, handler) {
      const subscription: Subscription = [name, handler];
      subscriptions.add(subscription);
      return () => subscriptions.delete(subscription);
    },
    emit(name, payload) {
      for (const [subscribed, handler] of [...subscriptions]) {
        if (subscribed !== name) continue;
        try {
          (handler as (payload: Events[typeof name]) => void)(payload);
        } catch (error) {
          onError(name, error);
        }
      }
    },
    clear: () => subscriptions.clear(),
  };
}
