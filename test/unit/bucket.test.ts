import { describe, expect, it } from 'vitest';
import { bucket, inControl } from '../../core/engine';

const ids = Array.from({ length: 10_000 }, (_, i) => `user-${i}`);

describe('experiment buckets', () => {
  it('puts a user in the same bucket every time, in [0, 1)', () => {
    for (const id of ids.slice(0, 100)) {
      const b = bucket('upgrade_modal', id);
      expect(b).toBe(bucket('upgrade_modal', id));
      expect(b).toBeGreaterThanOrEqual(0);
      expect(b).toBeLessThan(1);
    }
  });

  it('gives the same numbers as any other implementation of the documented hash', () => {
    // FNV-1a 32 over UTF-8 of "seed:id", murmur3 fmix32, ÷ 2³²: pinned so that the
    // collector, the widget and a future port can be checked against the same values.
    expect(bucket('', '')).toBe(pinned(':'));
    expect(bucket('upgrade_modal', 'user-1')).toBe(pinned('upgrade_modal:user-1'));
    expect(bucket('zażółć', '用户')).toBe(pinned('zażółć:用户'));
  });

  it.each([0.5, 0.2])('holds back %s of 10,000 users, within 2 points', (control) => {
    const held = ids.filter((id) => inControl({ control }, id, 'upgrade_modal')).length;
    expect(Math.abs(held / ids.length - control)).toBeLessThan(0.02);
  });

  it('holds back nobody at 0 and everybody at 1', () => {
    expect(ids.some((id) => inControl({ control: 0 }, id))).toBe(false);
    expect(ids.every((id) => inControl({ control: 1 }, id))).toBe(true);
    expect(inControl(undefined, 'user-1')).toBe(false);
  });

  it('splits independently for different seeds', () => {
    const a = ids.map((id) => bucket('pricing_card', id));
    const b = ids.map((id) => bucket('limit_modal', id));
    expect(Math.abs(correlation(a, b))).toBeLessThan(0.03);
    const bothHeld = ids.filter((_, i) => a[i]! < 0.5 && b[i]! < 0.5).length;
    expect(Math.abs(bothHeld / ids.length - 0.25)).toBeLessThan(0.02);
  });

  it('uses the experiment seed when set, so changing it reshuffles the groups', () => {
    const held = (seed?: string) =>
      ids
        .slice(0, 1000)
        .map((id) => inControl(seed ? { control: 0.5, seed } : { control: 0.5 }, id, 'nudge'));
    expect(held('nudge')).toEqual(held());
    expect(held('nudge-v2')).not.toEqual(held());
  });
});

/** A straightforward reference of the documented hash. */
function pinned(input: string): number {
  let h = 2166136261;
  for (const byte of Buffer.from(input, 'utf8'))
    h = Number((BigInt((h ^ byte) >>> 0) * 16777619n) % 2n ** 32n);
  h = (h ^ (h >>> 16)) >>> 0;
  h = Number((BigInt(h) * 0x85ebca6bn) % 2n ** 32n);
  h = (h ^ (h >>> 13)) >>> 0;
  h = Number((BigInt(h) * 0xc2b2ae35n) % 2n ** 32n);
  h = (h ^ (h >>> 16)) >>> 0;
  return h / 2 ** 32;
}

function correlation(x: number[], y: number[]): number {
  const mean = (v: number[]) => v.reduce((s, n) => s + n, 0) / v.length;
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  x.forEach((xi, i) => {
    const dx = xi - mx;
    const dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  });
  return sxy / Math.sqrt(sxx * syy);
}
