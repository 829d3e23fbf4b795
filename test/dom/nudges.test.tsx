import { fireEvent, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { type PublicConfig, publicConfig } from '../../core/config/public-config';
import type { AhakitConfigInput } from '../../core/config/schema';
import { configSchema } from '../../core/config/schema';
import { bucket } from '../../core/engine';
import { json, settle, start } from '../helpers/widget-harness';

const stopped: Array<() => void> = [];
afterEach(() => {
  for (const stop of stopped.splice(0)) stop();
  document.body.innerHTML = '';
  sessionStorage.clear();
});

const base: AhakitConfigInput = {
  product: { name: 'TeamChat' },
  milestones: [{ id: 'first_message', event: 'message_sent' }],
  signals: [
    { id: 'pricing', type: 'page', path: '/pricing' },
    { id: 'limit', type: 'usage', metric: 'messages', thresholds: [0.8, 1] },
    { id: 'huddles', type: 'click', selector: '[data-paid="huddles"]' },
  ],
  nudges: [
    {
      id: 'limit_modal',
      kind: 'modal',
      trigger: { signal: 'limit', threshold: 1 },
      content: { title: 'Limit reached', body: 'Hi {{user.firstName|there}}, **upgrade** now.' },
      cta: { label: 'See plans', action: { type: 'event', event: 'open-plans' } },
      goal: { event: 'plan_upgraded', withinDays: 7 },
      priority: 10,
    },
    {
      id: 'limit_card',
      kind: 'card',
      trigger: { signal: 'limit', threshold: 0.8 },
      content: { title: 'Nearly there' },
      frequency: { dontShowAgain: true },
    },
    {
      id: 'sales',
      kind: 'banner',
      trigger: { signal: 'pricing' },
      content: { title: 'Questions about plans?' },
      cta: { label: 'Talk to sales', action: { type: 'talk_to_sales' } },
      frequency: { cooldownHours: 24 },
    },
  ],
  fatigue: { maxPerSession: 5, maxPerDay: 10, minGapMinutes: 0 },
};

async function open(
  config: AhakitConfigInput = base,
  traits: Record<string, unknown> | null = {},
  /** Changes the parsed config: what a collector that skipped validation could send. */
  tamper: (served: PublicConfig) => void = () => {},
  noIndexedDB = false,
) {
  // What the collector serves: the texts parsed.
  const served = publicConfig(configSchema.parse(config));
  tamper(served);
  const harness = start({
    loadConfig: true,
    trackPages: true,
    platform: {
      ...(noIndexedDB && { indexedDB: undefined }),
      fetch: async (url: string) =>
        url.includes('/v1/config')
          ? json(200, served)
          : url.includes('/state')
            ? json(404, {})
            : json(200, { accepted: 1, duplicates: 0 }),
    },
  });
  stopped.push(() => harness.ahakit.destroy());
  const tracked: Array<{ event: string; properties: Record<string, unknown> }> = [];
  const pages: string[] = [];
  harness.ahakit.on('track', (m) => {
    if (m.type === 'page') pages.push(String(m.properties?.path));
    if (m.type === 'track')
      tracked.push({ event: String(m.event), properties: m.properties as Record<string, unknown> });
  });
  if (traits) harness.ahakit.identify('u1', { firstName: 'Ada', ...traits });
  await harness.ahakit.ready;
  await settle();
  const ui = () =>
    within(document.querySelector('ahakit-nudge')?.shadowRoot as unknown as HTMLElement);
  const events = (name: string) => tracked.filter((t) => t.event === name);
  return { ...harness, ui, tracked, events, pages };
}

describe('upgrade prompts', () => {
  it('reports a usage signal and shows the card at 80% and the modal at the limit', async () => {
    const { ahakit, ui, events } = await open();
    ahakit.usage('messages', 40, 50);
    await waitFor(() => ui().getByRole('region', { name: 'Nearly there' }));
    expect(events('$signal')[0]?.properties).toMatchObject({
      signalId: 'limit',
      type: 'usage',
      threshold: 0.8,
    });
    fireEvent.click(ui().getByRole('button', { name: 'Not now' }));
    ahakit.usage('messages', 50, 50);
    const modal = await waitFor(() => ui().getByRole('dialog', { name: 'Limit reached' }));
    expect(modal.getAttribute('aria-modal')).toBe('true');
    expect(events('$nudge_shown').map((e) => e.properties.nudgeId)).toEqual([
      'limit_card',
      'limit_modal',
    ]);
  });

  it('renders placeholders and formatting as text, never as markup', async () => {
    const { ahakit, ui } = await open(base, { firstName: '<img src=x onerror=alert(1)>' });
    ahakit.usage('messages', 50, 50);
    const modal = await waitFor(() => ui().getByRole('dialog', { name: 'Limit reached' }));
    expect(modal.querySelector('img')).toBeNull();
    expect(modal.textContent).toContain('Hi <img src=x onerror=alert(1)>, upgrade now.');
    expect(modal.querySelector('strong')?.textContent).toBe('upgrade');
  });

  it('shows XSS payloads in config texts as text, and drops links that are not http(s)', async () => {
    const payloads: AhakitConfigInput = {
      ...base,
      nudges: [
        {
          ...base.nudges![0]!,
          content: {
            title: '<script>alert(1)</script>',
            body: '<img src=x onerror=alert(1)> [docs](https://example.com/a"onmouseover="alert`1`)',
          },
          cta: { label: '<b onclick=alert(1)>Go</b>', action: { type: 'event', event: 'x' } },
        },
      ],
    } as AhakitConfigInput;
    // Validation refuses javascript: links; the widget drops them all the same.
    const { ahakit, ui } = await open(payloads, {}, (served) => {
      const body = served.nudges?.[0]?.content.body;
      if (Array.isArray(body)) {
        body.push({ type: 'text', text: ' ' });
        body.push({
          type: 'link',
          href: 'javascript:alert`1`',
          children: [{ type: 'text', text: 'click' }],
        });
      }
    });
    ahakit.usage('messages', 50, 50);
    const modal = await waitFor(() =>
      ui().getByRole('dialog', { name: '<script>alert(1)</script>' }),
    );
    expect(modal.querySelectorAll('script, img, b')).toHaveLength(0);
    expect(modal.textContent).toContain('<img src=x onerror=alert(1)> docs click');
    const links = [...modal.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      'https://example.com/a"onmouseover="alert`1`',
    ]);
    expect(links[0]?.getAttribute('onmouseover')).toBeNull();
    expect(within(modal).getByRole('button', { name: '<b onclick=alert(1)>Go</b>' })).toBeTruthy();
  });

  it('traps focus in the modal, closes on Escape and gives focus back', async () => {
    const button = document.createElement('button');
    button.textContent = 'Send';
    document.body.append(button);
    button.focus();
    const { ahakit, ui, events } = await open();
    ahakit.usage('messages', 50, 50);
    const modal = await waitFor(() => ui().getByRole('dialog', { name: 'Limit reached' }));
    const shadow = document.querySelector('ahakit-nudge')!.shadowRoot!;
    expect(shadow.activeElement?.textContent).toBe('See plans');
    const buttons = within(modal).getAllByRole('button');
    buttons.at(-1)!.focus();
    fireEvent.keyDown(buttons.at(-1)!, { key: 'Tab' });
    expect(shadow.activeElement).toBe(buttons[0]);
    fireEvent.keyDown(modal, { key: 'Escape' });
    expect(ui().queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(button);
    expect(events('$nudge_dismissed')[0]?.properties).toMatchObject({
      nudgeId: 'limit_modal',
      dontShowAgain: false,
    });
  });

  it('does not show a prompt again within its cooldown', async () => {
    const first = await open();
    window.history.pushState(null, '', '/pricing');
    window.dispatchEvent(new PopStateEvent('popstate'));
    await settle();
    await waitFor(() => first.ui().getByRole('region', { name: 'Questions about plans?' }));
    fireEvent.click(first.ui().getByRole('button', { name: 'Not now' }));
    window.history.pushState(null, '', '/');
    window.dispatchEvent(new PopStateEvent('popstate'));
    await waitFor(() => expect(first.pages.at(-1)).toBe('/'));
    window.history.pushState(null, '', '/pricing');
    window.dispatchEvent(new PopStateEvent('popstate'));
    await waitFor(() => expect(first.events('$signal')).toHaveLength(2));
    await settle();
    expect(first.ui().queryByRole('region', { name: 'Questions about plans?' })).toBeNull();
    expect(first.events('$nudge_shown')).toHaveLength(1);
    window.history.pushState(null, '', '/');
  });

  it('helps visitors before they sign up, and announces a banner politely', async () => {
    window.history.pushState(null, '', '/pricing');
    const { ui } = await open(base, null);
    const banner = await waitFor(() =>
      ui().getByRole('region', { name: 'Questions about plans?' }),
    );
    expect(banner.classList.contains('ak-top')).toBe(true);
    const live = document.querySelector('ahakit-nudge')!.shadowRoot!.querySelector('[aria-live]');
    expect(live?.getAttribute('aria-live')).toBe('polite');
    expect(live?.textContent).toBe('Questions about plans?');
    window.history.pushState(null, '', '/');
  });

  it('keeps frequency limits for the page when IndexedDB is unavailable', async () => {
    const { ahakit, ui, events } = await open(base, {}, () => {}, true);
    ahakit.usage('messages', 40, 50);
    await waitFor(() => ui().getByRole('region', { name: 'Nearly there' }));
    fireEvent.click(ui().getByRole('button', { name: 'Not now' }));
    ahakit.show('limit_card');
    await settle();
    expect(ui().queryByRole('region', { name: 'Nearly there' })).toBeNull();
    expect(events('$nudge_shown')).toHaveLength(1);
  });

  it('says thanks after "talk to sales" and records it as a hand-raise', async () => {
    window.history.pushState(null, '', '/pricing');
    const { ui, events } = await open();
    await waitFor(() => ui().getByRole('region', { name: 'Questions about plans?' }));
    fireEvent.click(ui().getByRole('button', { name: 'Talk to sales' }));
    expect(ui().getByRole('status').textContent).toMatch(/Thanks!/);
    expect(events('$signal').map((e) => e.properties.signalId)).toEqual([
      'pricing',
      'talk_to_sales',
    ]);
    expect(events('$nudge_clicked')[0]?.properties).toMatchObject({
      nudgeId: 'sales',
      action: 'talk_to_sales',
    });
    window.history.pushState(null, '', '/');
  });

  it('reports clicks on a paid feature, even when it is rendered later', async () => {
    const { events } = await open();
    const late = document.createElement('button');
    late.dataset.paid = 'huddles';
    document.body.append(late);
    late.click();
    await waitFor(() => expect(events('$signal')[0]?.properties.signalId).toBe('huddles'));
  });

  it('holds back the control group: an exposure, nothing on screen', async () => {
    const held = {
      ...base,
      nudges: [{ ...base.nudges![0]!, experiment: { control: 1, seed: 'all_held' } }],
    } as AhakitConfigInput;
    expect(bucket('all_held', 'u1')).toBeLessThan(1);
    const { ahakit, events } = await open(held);
    ahakit.usage('messages', 50, 50);
    await waitFor(() => expect(events('$nudge_exposure')).toHaveLength(1));
    expect(events('$nudge_exposure')[0]?.properties).toMatchObject({
      nudgeId: 'limit_modal',
      variant: 'control',
    });
    // Nothing on screen: the prompts' surface was not even fetched.
    expect(document.querySelector('ahakit-nudge')).toBeNull();
    expect(events('$nudge_shown')).toHaveLength(0);
  });

  it('shows a prompt that came while another was on screen once that one closes, each exposed once', async () => {
    // Seeds that put u1 in the treatment group of both experiments.
    const treated = (prefix: string) => {
      for (let i = 0; ; i++) if (bucket(`${prefix}${i}`, 'u1') >= 0.5) return `${prefix}${i}`;
    };
    const competing = {
      ...base,
      nudges: [
        { ...base.nudges![1]!, experiment: { control: 0.5, seed: treated('card') } },
        { ...base.nudges![2]!, experiment: { control: 0.5, seed: treated('banner') } },
      ],
    } as AhakitConfigInput;
    const { ahakit, ui, events } = await open(competing);
    ahakit.usage('messages', 40, 50);
    await waitFor(() => ui().getByRole('region', { name: 'Nearly there' }));
    // The pricing page while the card is up: the banner is eligible, and waits.
    window.history.pushState(null, '', '/pricing');
    await waitFor(() => expect(events('$nudge_eligible')).toHaveLength(2));
    await settle();
    expect(ui().queryByRole('region', { name: 'Questions about plans?' })).toBeNull();
    expect(events('$nudge_shown').map((e) => e.properties.nudgeId)).toEqual(['limit_card']);

    fireEvent.click(ui().getByRole('button', { name: 'Not now' }));
    await waitFor(() => ui().getByRole('region', { name: 'Questions about plans?' }));
    expect(events('$nudge_shown').map((e) => e.properties.nudgeId)).toEqual([
      'limit_card',
      'sales',
    ]);
    expect(events('$nudge_exposure').map((e) => e.properties.nudgeId)).toEqual([
      'limit_card',
      'sales',
    ]);
    expect(events('$nudge_expired')).toEqual([]);
    window.history.pushState(null, '', '/');
  });

  it('records a waiting prompt that is no longer eligible once the screen is free as expired, exposed once', async () => {
    const treated = (prefix: string) => {
      for (let i = 0; ; i++) if (bucket(`${prefix}${i}`, 'u1') >= 0.5) return `${prefix}${i}`;
    };
    const upgraded = {
      ...base,
      nudges: [
        base.nudges![1]!,
        {
          ...base.nudges![2]!,
          audience: { accountTrait: 'plan', value: 'free' },
          experiment: { control: 0.5, seed: treated('banner') },
        },
      ],
    } as AhakitConfigInput;
    const { ahakit, ui, events } = await open(upgraded);
    ahakit.group('w1', { plan: 'free' });
    ahakit.usage('messages', 40, 50);
    await waitFor(() => ui().getByRole('region', { name: 'Nearly there' }));
    window.history.pushState(null, '', '/pricing');
    await waitFor(() => expect(events('$nudge_eligible')).toHaveLength(2));
    // The workspace upgrades while the banner waits: it is for free workspaces only.
    ahakit.group('w1', { plan: 'pro' });
    fireEvent.click(ui().getByRole('button', { name: 'Not now' }));
    await waitFor(() => expect(events('$nudge_expired')).toHaveLength(1));
    expect(events('$nudge_expired')[0]?.properties).toMatchObject({
      nudgeId: 'sales',
      reason: 'audience',
      variant: 'treatment',
    });
    expect(events('$nudge_exposure').map((e) => e.properties.nudgeId)).toEqual(['sales']);
    expect(ui().queryByRole('region', { name: 'Questions about plans?' })).toBeNull();
    expect(events('$nudge_shown').map((e) => e.properties.nudgeId)).toEqual(['limit_card']);
    window.history.pushState(null, '', '/');
  });

  it('counts the goal event as a conversion of the prompt shown', async () => {
    const { ahakit, ui, events } = await open();
    ahakit.usage('messages', 50, 50);
    await waitFor(() => ui().getByRole('dialog', { name: 'Limit reached' }));
    ahakit.track('plan_upgraded', { plan: 'pro' });
    await waitFor(() => expect(events('$nudge_converted')).toHaveLength(1));
    expect(events('$nudge_converted')[0]?.properties).toMatchObject({
      nudgeId: 'limit_modal',
      goal: 'plan_upgraded',
    });
  });
});
