/**
 * The widget's state cells: `signal`, `computed`, `effect` and `batch`, with the semantics
 * of @preact/signals-core that the widget uses (automatic dependency tracking, lazy cached
 * computeds, effects with clean-ups, batched writes, `peek()`) in a fraction of its size:
 * the script tag's budget has no room for the library.
 *
 * A write marks what read the cell, through computeds, and queues the effects; they run
 * once the outermost batch ends. Unlike the library, an effect re-runs whenever a
 * computed it read was marked, even if that computed then yields an equal value: the
 * widget's effects are idempotent (re-render, save, post), so this only costs a render.
 */

/** What reads cells: a computed or an effect. */
interface Reader {
  /** The subscriber sets of the cells read in the last run. */
  sources: Set<Set<Reader>>;
  mark(): void;
}

let reading: Reader | undefined;
let depth = 0;
const queue = new Set<Effect>();

/** Subscribes the running reader to a cell. */
function track(subs: Set<Reader>) {
  if (reading) {
    subs.add(reading);
    reading.sources.add(subs);
  }
}

/** Runs `fn` as `reader`, recording afresh what it reads. */
function read<T>(reader: Reader, fn: () => T): T {
  for (const subs of reader.sources) subs.delete(reader);
  reader.sources.clear();
  const outer = reading;
  reading = reader;
  try {
    return fn();
  } finally {
    reading = outer;
  }
}

function flush() {
  depth++;
  let runs = 0;
  let failure: unknown;
  try {
    for (const next of queue) {
      queue.delete(next);
      if (++runs > 1_000) {
        queue.clear();
        throw new Error('effects keep writing what they read');
      }
      try {
        next.run();
      } catch (error) {
        failure ??= error;
      }
    }
  } finally {
    depth--;
  }
  if (failure) throw failure;
}

/** Runs `fn`, then the effects its writes call for, once. */
export function batch<T>(fn: () => T): T {
  depth++;
  try {
    return fn();
  } finally {
    if (!--depth) flush();
  }
}

class Signal<T> {
  subs = new Set<Reader>();

  constructor(protected current: T) {}

  get value() {
    track(this.subs);
    return this.current;
  }

  set value(next: T) {
    if (next !== this.current) {
      this.current = next;
      batch(() => {
        for (const sub of [...this.subs]) sub.mark();
      });
    }
  }

  peek() {
    return this.current;
  }
}

class Computed<T> extends Signal<T> implements Reader {
  sources = new Set<Set<Reader>>();
  private dirty = true;
  private failure: { error: unknown } | undefined;

  constructor(private fn: () => T) {
    super(undefined as T);
  }

  mark() {
    if (!this.dirty) {
      this.dirty = true;
      for (const sub of [...this.subs]) sub.mark();
    }
  }

  override peek() {
    if (this.dirty) {
      // An error is kept like a value: thrown again until what it read changes.
      this.dirty = false;
      this.failure = undefined;
      try {
        this.current = read(this, this.fn);
      } catch (error) {
        this.failure = { error };
      }
    }
    if (this.failure) throw this.failure.error;
    return this.current;
  }

  override get value() {
    // Subscribed first: a reader of a computed that throws still hears when it may not.
    track(this.subs);
    return this.peek();
  }
}

class Effect implements Reader {
  sources = new Set<Set<Reader>>();
  live = true;
  private cleanup: (() => void) | undefined;

  constructor(private fn: () => unknown) {
    try {
      // Batched, so what the first run writes runs other effects after it, not inside it.
      batch(() => this.run());
    } catch (error) {
      this.stop();
      throw error;
    }
  }

  mark() {
    queue.add(this);
  }

  run() {
    if (!this.live) return;
    const previous = this.cleanup;
    this.cleanup = undefined;
    previous?.();
    const result = read(this, this.fn);
    const cleanup = typeof result === 'function' ? (result as () => void) : undefined;
    if (this.live) this.cleanup = cleanup;
    else {
      // Stopped by its own run: forget what it read since, and clean up at once.
      read(this, () => {});
      cleanup?.();
    }
  }

  stop() {
    this.live = false;
    read(this, () => {});
    this.cleanup?.();
  }
}

export type { Computed, Signal };

export const signal = <T>(value: T) => new Signal(value);
export const computed = <T>(fn: () => T) => new Computed(fn);

/**
 * Runs `fn` now and whenever what it read changes; `fn` may return a clean-up, run before
 * the next run and on stop. Returns the function that stops it.
 */
export function effect(fn: () => unknown) {
  const running = new Effect(fn);
  return () => running.stop();
}
