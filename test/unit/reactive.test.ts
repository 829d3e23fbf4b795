import { describe, expect, it, vi } from 'vitest';
import { batch, computed, effect, signal } from '../../widget/src/reactive';

describe('widget state cells', () => {
  it('computes lazily, once per change, and only when read', () => {
    const count = signal(1);
    const fn = vi.fn(() => count.value * 2);
    const double = computed(fn);
    expect(fn).not.toHaveBeenCalled();
    expect(double.value).toBe(2);
    expect(double.value).toBe(2);
    expect(fn).toHaveBeenCalledTimes(1);
    count.value = 5;
    expect(fn).toHaveBeenCalledTimes(1);
    expect(double.peek()).toBe(10);
    expect(fn).toHaveBeenCalledTimes(2);
  });

  it('re-runs an effect when what it read changes, cleaning up first, until stopped', () => {
    const name = signal('a');
    const log: string[] = [];
    const stop = effect(() => {
      const now = name.value;
      log.push(`run ${now}`);
      return () => log.push(`clean ${now}`);
    });
    name.value = 'b';
    name.value = 'b'; // the same value: nothing to do
    stop();
    name.value = 'c';
    expect(log).toEqual(['run a', 'clean a', 'run b', 'clean b']);
  });

  it('runs effects once per batch, after it, with the final values', () => {
    const first = signal('Ada');
    const last = signal('Lovelace');
    const seen: string[] = [];
    effect(() => {
      seen.push(`${first.value} ${last.value}`);
    });
    batch(() => {
      first.value = 'Grace';
      last.value = 'Hopper';
      expect(seen).toHaveLength(1);
    });
    expect(seen).toEqual(['Ada Lovelace', 'Grace Hopper']);
  });

  it('never shows an effect a half-updated diamond', () => {
    const n = signal(1);
    const plus = computed(() => n.value + 1);
    const times = computed(() => n.value * 10);
    const seen: string[] = [];
    effect(() => {
      seen.push(`${plus.value}/${times.value}`);
    });
    n.value = 2;
    n.value = 3;
    expect(seen).toEqual(['2/10', '3/20', '4/30']);
  });

  it('follows only what the last run read', () => {
    const useA = signal(true);
    const a = signal(1);
    const b = signal(2);
    const fn = vi.fn(() => (useA.value ? a.value : b.value));
    effect(fn);
    useA.value = false;
    expect(fn).toHaveBeenCalledTimes(2);
    a.value = 10; // no longer read
    expect(fn).toHaveBeenCalledTimes(2);
    b.value = 20;
    expect(fn).toHaveBeenCalledTimes(3);
  });

  it('does not subscribe through peek()', () => {
    const a = signal(1);
    const fn = vi.fn(() => a.peek());
    effect(fn);
    a.value = 2;
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('lets an effect write a cell another effect reads, in the same flush', () => {
    const source = signal(1);
    const derived = signal(0);
    const seen: number[] = [];
    effect(() => {
      derived.value = source.value * 2;
    });
    effect(() => {
      seen.push(derived.value);
    });
    source.value = 4;
    expect(seen).toEqual([2, 8]);
  });

  it('stops an effect that keeps writing what it reads with an error, not a hang', () => {
    const armed = signal(false);
    const n = signal(0);
    const runaway = effect(() => {
      if (armed.value) n.value = n.value + 1;
    });
    expect(() => {
      armed.value = true;
    }).toThrow(/effects keep writing what they read/);
    runaway();
    // Nothing is left queued: the next write runs what it should, once.
    const seen: number[] = [];
    effect(() => {
      seen.push(n.value);
    });
    n.value = 0;
    expect(seen).toHaveLength(2);
  });

  it('runs the other effects when one throws, then reports the error', () => {
    const n = signal(0);
    const seen: number[] = [];
    effect(() => {
      if (n.value === 1) throw new Error('boom');
    });
    effect(() => {
      seen.push(n.value);
    });
    expect(() => {
      n.value = 1;
    }).toThrow('boom');
    expect(seen).toEqual([0, 1]);
    n.value = 2;
    expect(seen).toEqual([0, 1, 2]);
  });

  it('recomputes after a computed throws, once its inputs change', () => {
    const n = signal(0);
    const checked = computed(() => {
      if (n.value < 0) throw new Error('negative');
      return n.value;
    });
    n.value = -1;
    expect(() => checked.value).toThrow('negative');
    expect(() => checked.value).toThrow('negative');
    n.value = 3;
    expect(checked.value).toBe(3);
  });

  it('cleans up once when a run throws, and not again', () => {
    const n = signal(0);
    const log: string[] = [];
    const stop = effect(() => {
      const now = n.value;
      if (now === 1) throw new Error('bad run');
      return () => log.push(`clean ${now}`);
    });
    expect(() => {
      n.value = 1;
    }).toThrow('bad run');
    n.value = 2;
    stop();
    expect(log).toEqual(['clean 0', 'clean 2']);
  });

  it('runs what a first run writes after it, not inside it', () => {
    const n = signal(0);
    const log: string[] = [];
    effect(() => {
      const now = n.value;
      log.push(`start ${now}`);
      if (now === 0) n.value = 1;
      log.push(`end ${now}`);
    });
    expect(log).toEqual(['start 0', 'end 0', 'start 1', 'end 1']);
  });

  it('stops an effect whose first run throws', () => {
    const n = signal(0);
    const fn = vi.fn(() => {
      n.value;
      throw new Error('first');
    });
    expect(() => effect(fn)).toThrow('first');
    n.value = 1; // nothing left listening
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('lets an effect stop itself during its run, cleanup included', () => {
    const n = signal(0);
    const cleanup = vi.fn();
    let stop: () => void = () => {};
    const fn = vi.fn(() => {
      if (n.value === 1) stop();
      n.value;
      return cleanup;
    });
    stop = effect(fn);
    n.value = 1;
    expect(cleanup).toHaveBeenCalledTimes(2); // the first run's, and the stopping run's
    n.value = 2;
    expect(fn).toHaveBeenCalledTimes(2);
  });

  it('re-runs an effect that read a throwing computed once it no longer throws', () => {
    const n = signal(-1);
    const checked = computed(() => {
      if (n.value < 0) throw new Error('negative');
      return n.value;
    });
    const seen: string[] = [];
    effect(() => {
      try {
        seen.push(String(checked.value));
      } catch {
        seen.push('error');
      }
    });
    n.value = 5;
    expect(seen).toEqual(['error', '5']);
  });
});
