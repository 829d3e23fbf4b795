/**
 * The widget's state cells: `signal`, `computed`, `effect` and `batch`, with the semantics
 * of @preact/signals-core that the widget uses (automatic dependency tracking, lazy
 * cached computeds, effects with clean-ups, batched writes, `peek()`), in a fraction of
 * its size: the script tag's budget has no room for the library.
 *
 * Writes mark what depends on them; effects run once the outermost batch ends, and only
 * when a value they read really changed (a computed that recomputes to the same value
 * stops there).
 */

interface Source {
  /** Bumped whenever the value changes. */
  version: number;
  subs: Set<Target>;
  /** Brings a computed up to date; nothing for a signal. */
  refresh(): void;
}

interface Target {
  notify(): void;
}

let tracking: Computation | null = null;
let depth = 0;
const pending: Effect[] = [];

function track(source: Source) {
  if (tracking) {
    tracking.deps.set(source, source.version);
    source.subs.add(tracking);
  }
}

function notifyAll(subs: Set<Target>) {
  for (const sub of [...subs]) sub.notify();
}

/** Runs `fn`, then the effects its writes call for, once. */
export function batch<T>(fn: () => T): T {
  depth++;
  try {
    return fn();
  } finally {
    if (--depth === 0) flush();
  }
}

function flush() {
  depth++;
  let runs = 0;
  let failure: unknown = null;
  try {
    for (let next = pending.shift(); next; next = pending.shift()) {
      next.queued = false;
      if (++runs > 1_000) throw new Error('effects keep writing what they read');
      try {
        if (next.live && next.changed()) next.execute();
      } catch (error) {
        failure ??= error;
      }
    }
  } finally {
    depth--;
  }
  if (failure) throw failure;
}

abstract class Computation implements Target {
  /** What the last run read, at the version it read. */
  deps = new Map<Source, number>();

  abstract notify(): void;

  protected track<T>(fn: () => T): T {
    this.untrack();
    const outer = tracking;
    tracking = this;
    try {
      return fn();
    } finally {
      tracking = outer;
    }
  }

  protected untrack() {
    for (const source of this.deps.keys()) source.subs.delete(this);
    this.deps.clear();
  }

  /** Whether anything the last run read has changed since. */
  changed() {
    for (const [source, version] of this.deps) {
      source.refresh();
      if (source.version !== version) return true;
    }
    return false;
  }
}

class Signal<T> implements Source {
  version = 0;
  subs = new Set<Target>();

  constructor(private current: T) {}

  get value() {
    track(this);
    return this.current;
  }

  set value(next: T) {
    if (next === this.current) return;
    this.current = next;
    this.version++;
    batch(() => notifyAll(this.subs));
  }

  peek() {
    return this.current;
  }

  refresh() {}
}

class Computed<T> extends Computation implements Source {
  version = 0;
  subs = new Set<Target>();
  private dirty = true;
  private current!: T;

  constructor(private fn: () => T) {
    super();
  }

  notify() {
    if (!this.dirty) {
      this.dirty = true;
      notifyAll(this.subs);
    }
  }

  refresh() {
    if (!this.dirty) return;
    this.dirty = false;
    if (this.version && !this.changed()) return;
    try {
      const next = this.track(this.fn);
      if (next !== this.current || !this.version) {
        this.current = next;
        this.version++;
      }
    } catch (error) {
      this.dirty = true;
      throw error;
    }
  }

  get value() {
    this.refresh();
    track(this);
    return this.current;
  }

  peek() {
    this.refresh();
    return this.current;
  }
}

/** An effect may return a clean-up, run before its next run and when it stops. */
type Body = () => unknown;

class Effect extends Computation {
  queued = false;
  live = true;
  private cleanup: (() => void) | undefined;

  constructor(private fn: Body) {
    super();
    this.execute();
  }

  notify() {
    if (!this.queued) {
      this.queued = true;
      pending.push(this);
    }
  }

  execute() {
    this.cleanup?.();
    const cleanup = this.track(this.fn);
    this.cleanup = typeof cleanup === 'function' ? (cleanup as () => void) : undefined;
  }

  dispose() {
    this.live = false;
    this.untrack();
    this.cleanup?.();
  }
}

export type { Computed, Signal };
export type ReadonlySignal<T> = Pick<Computed<T>, 'value' | 'peek'>;

export const signal = <T>(value: T) => new Signal(value);
export const computed = <T>(fn: () => T) => new Computed(fn);

/** Runs `fn` now and whenever what it read changes; returns the function that stops it. */
export function effect(fn: Body) {
  const running = new Effect(fn);
  return () => running.dispose();
}
