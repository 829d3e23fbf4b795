import { waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { publicConfig } from '../../core/config/public-config';
import type { AhakitConfigInput } from '../../core/config/schema';
import { configSchema } from '../../core/config/schema';
import { bucket } from '../../core/engine';
import { json, settle, start } from '../helpers/widget-harness';

// The prompts' chunk as a browser may fail to get it: a deploy removed the old hash, or
// the network dropped. The first load fails, later ones work.
const surfaces = vi.hoisted(() => ({ failNext: 0 }));
vi.mock('../../widget/src/surfaces', async (real) => {
  const actual = await real<typeof import('../../widget/src/surfaces')>();
  return {
    ...actual,
    loadNudges: () =>
      surfaces.failNext-- > 0
        ? Promise.reject(new TypeError('Failed to fetch dynamically imported module'))
        : actual.loadNudges(),
  };
});

const stopped: Array<() => void> = [];
afterEach(() => {
  for (const stop of stopped.splice(0)) stop();
  document.body.innerHTML = '';
  sessionStorage.clear();
});

/** A seed that puts u1 in an experiment's treatment group. */
const treated = () => {
  for (let i = 0; ; i++) if (bucket(`seed${i}`, 'u1') >= 0.5) return `seed${i}`;
};

const config: AhakitConfigInput = {
  product: { name: 'TeamChat' },
  signals: [
    { id: 'limit', type: 'usage', metric: 'messages', thresholds: [0.8, 1] },
    { id: 'export', type: 'click', selector: '#export' },
  ],
  nudges: [
    {
      id: 'limit_card',
      kind: 'card',
      trigger: { signal: 'limit', threshold: 0.8 },
      content: { title: 'Nearly there' },
      experiment: { control: 0.5, seed: treated() },
    },
    {
      id: 'limit_modal',
      kind: 'modal',
      trigger: { signal: 'limit', threshold: 1 },
      content: { title: 'Limit reached' },
    },
    {
      id: 'broken_tip',
      kind: 'tooltip',
      anchor: '#export',
      trigger: { signal: 'export' },
      content: { title: 'Exports are part of Pro' },
    },
  ],
  fatigue: { maxPerSession: 5, maxPerDay: 10, minGapMinutes: 0 },
};

async function open() {
  const served = publicConfig(configSchema.parse(config));
  // A selector browsers refuse, as a collector that skipped validation could send one.
  Object.assign(served.nudges![2]!, { anchor: 'button[' });
  const harness = start({
    loadConfig: true,
    platform: {
      fetch: async (url: string) =>
        url.includes('/v1/config') ? json(200, served) : json(200, { accepted: 1, duplicates: 0 }),
    },
  });
  stopped.push(() => harness.ahakit.destroy());
  const tracked: Array<{ event: string; properties: Record<string, unknown> }> = [];
  harness.ahakit.on('track', (m) => {
    if (m.type === 'track')
      tracked.push({ event: String(m.event), properties: m.properties as Record<string, unknown> });
  });
  harness.ahakit.identify('u1', {});
  await harness.ahakit.ready;
  await settle();
  const events = (name: string) => tracked.filter((t) => t.event === name);
  return { ...harness, events };
}

describe('prompts that cannot reach the screen', () => {
  it('records a prompt whose surface failed to load as expired, not shown, exposed once, and tries again for the next', async () => {
    surfaces.failNext = 1;
    const { ahakit, events, warnings } = await open();
    ahakit.usage('messages', 40, 50);
    await waitFor(() => expect(events('$nudge_expired')).toHaveLength(1));
    expect(events('$nudge_expired')[0]?.properties).toMatchObject({
      nudgeId: 'limit_card',
      reason: 'surface_failed',
      variant: 'treatment',
    });
    expect(events('$nudge_exposure').map((e) => e.properties.nudgeId)).toEqual(['limit_card']);
    expect(events('$nudge_shown')).toEqual([]);
    expect(warnings().some((w) => w.startsWith('could not load the upgrade prompts'))).toBe(true);

    // The screen was freed and the surface is fetched afresh for the next prompt.
    ahakit.usage('messages', 50, 50);
    await waitFor(() =>
      expect(events('$nudge_shown').map((e) => e.properties.nudgeId)).toEqual(['limit_modal']),
    );
  });

  it('gives up at once on a tooltip whose anchor is not a valid selector, and keeps the screen free', async () => {
    const { ahakit, events, warnings } = await open();
    const button = document.createElement('button');
    button.id = 'export';
    document.body.append(button);
    button.click();
    await waitFor(() => expect(events('$nudge_expired')).toHaveLength(1));
    expect(events('$nudge_expired')[0]?.properties).toMatchObject({
      nudgeId: 'broken_tip',
      reason: 'no_target',
    });
    expect(warnings()).toContain('"button[" is not a valid selector');
    // Not held for the 10 s a late target gets: the next prompt shows now.
    ahakit.usage('messages', 50, 50);
    await waitFor(() =>
      expect(events('$nudge_shown').map((e) => e.properties.nudgeId)).toEqual(['limit_modal']),
    );
  });
});
