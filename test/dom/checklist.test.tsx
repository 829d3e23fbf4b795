import { fireEvent, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { AhakitConfig } from '../../core/config/schema';
import { configSchema } from '../../core/config/schema';
import demo from '../../demo/ahakit.config.json';
import { json, settle, start } from '../helpers/widget-harness';

const config = configSchema.parse(demo) as AhakitConfig;
const stopped: Array<() => void> = [];
afterEach(() => {
  for (const stop of stopped.splice(0)) stop();
  document.body.innerHTML = '';
});

/** A fake channel pair: what one posts, the other receives. */
function channels() {
  const all: Array<{ onmessage: ((e: { data: unknown }) => void) | null }> = [];
  return (_name: string) => {
    const me = {
      onmessage: null as ((e: { data: unknown }) => void) | null,
      postMessage: (data: unknown) => {
        for (const other of all)
          if (other !== me) other.onmessage?.({ data: structuredClone(data) });
      },
      close: () => {},
    };
    all.push(me);
    return me as unknown as BroadcastChannel;
  };
}

async function open(
  options: {
    cfg?: AhakitConfig;
    /** The collector's answer for the user's state: fixed, or read at each request. */
    state?: unknown;
    channel?: (name: string) => BroadcastChannel;
    plan?: string;
    traits?: Record<string, unknown>;
    writeKey?: string;
    /** False when no checklist should appear: then there is nothing to wait for. */
    shows?: boolean;
  } = {},
) {
  const fetches: string[] = [];
  const before = document.querySelectorAll('ahakit-widget').length;
  const harness = start({
    loadConfig: true,
    ...(options.writeKey && { writeKey: options.writeKey }),
    platform: {
      channel: options.channel ?? undefined,
      fetch: async (url: string) => {
        fetches.push(url);
        if (url.includes('/v1/config')) return json(200, options.cfg ?? config);
        if (url.includes('/state')) {
          const state = typeof options.state === 'function' ? options.state() : options.state;
          return state ? json(200, state) : json(404, {});
        }
        return json(200, { accepted: 1, duplicates: 0 });
      },
    },
  });
  stopped.push(() => harness.ahakit.destroy());
  const tracked: string[] = [];
  harness.ahakit.on('track', (m) => {
    if (m.type === 'track') tracked.push(String(m.event));
  });
  harness.ahakit.identify('u1', { locale: 'en', ...options.traits });
  harness.ahakit.group('w1', { plan: options.plan ?? 'free' });
  await harness.ahakit.ready;
  await settle();
  // The checklist surface is a chunk of its own, fetched once there is a checklist to show.
  if (options.shows !== false) {
    await waitFor(() => expect(document.querySelectorAll('ahakit-widget').length).toBe(before + 1));
  }
  const hosts = document.querySelectorAll('ahakit-widget');
  const host = hosts[hosts.length - 1] ?? null;
  const ui = () => within(host?.shadowRoot as unknown as HTMLElement);
  return { ...harness, host, ui, fetches, tracked };
}

const launcher = (ui: ReturnType<typeof within>) =>
  ui.getByRole('button', { name: /Get started with TeamChat/ });

describe('the onboarding checklist', () => {
  it('shows a launcher with progress that expands into the labelled panel', async () => {
    const { ahakit, ui } = await open();
    ahakit.track('workspace_created');
    await settle();
    ahakit.track('message_sent');
    await settle();
    expect(launcher(ui()).textContent).toBe('2 of 5');
    expect(launcher(ui()).getAttribute('aria-label')).toBe(
      'Get started with TeamChat, 2 of 5 done',
    );
    expect(launcher(ui()).getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(launcher(ui()));
    await settle();
    expect(launcher(ui()).getAttribute('aria-expanded')).toBe('true');
    const panel = ui().getByRole('region', { name: 'Get started with TeamChat' });
    expect(panel.getAttribute('id')).toBe(launcher(ui()).getAttribute('aria-controls'));
    expect(within(panel).getAllByRole('listitem')).toHaveLength(5);
  });

  it('stacks upgrade prompts above the checklist, so an open panel never hides one', async () => {
    const { ahakit, host } = await open();
    ahakit.show('pricing_sales_card');
    const prompts = await waitFor(() => {
      const found = document.querySelector<HTMLElement>('ahakit-nudge');
      expect(found).not.toBeNull();
      return found;
    });
    expect(Number(prompts!.style.zIndex)).toBe(Number((host as HTMLElement).style.zIndex) + 1);
  });

  it('ticks items off live and the progress bar follows', async () => {
    const { ahakit, ui } = await open();
    fireEvent.click(launcher(ui()));
    await settle();
    const bar = ui().getByRole('progressbar', { name: 'Progress' });
    expect(bar.getAttribute('aria-valuenow')).toBe('0');
    expect(bar.getAttribute('aria-valuemax')).toBe('5');
    ahakit.track('workspace_created');
    await settle();
    expect(ui().getByRole('progressbar').getAttribute('aria-valuenow')).toBe('1');
    const item = ui().getAllByRole('listitem')[0]!;
    expect(item.textContent).toMatch(/done/);
    expect(ui().getByText(/Create your workspace: done/)).toBeTruthy();
  });

  it('closes on Esc and returns focus to the launcher', async () => {
    const { ui, host } = await open();
    fireEvent.click(launcher(ui()));
    await settle();
    const panel = ui().getByRole('region', { name: 'Get started with TeamChat' });
    expect(host?.shadowRoot?.activeElement).toBe(panel);
    fireEvent.keyDown(panel, { key: 'Escape' });
    await settle();
    expect(ui().queryByRole('region')).toBeNull();
    expect(host?.shadowRoot?.activeElement).toBe(launcher(ui()));
  });

  it('dismisses (tracked) and brings the checklist back', async () => {
    const { ui, tracked } = await open();
    fireEvent.click(launcher(ui()));
    await settle();
    fireEvent.click(ui().getByRole('button', { name: 'Dismiss checklist' }));
    await settle();
    expect(ui().queryByRole('button', { name: /Get started/ })).toBeNull();
    fireEvent.click(ui().getByRole('button', { name: 'Show checklist' }));
    await settle();
    expect(launcher(ui())).toBeTruthy();
    expect(tracked).toEqual(['$checklist_dismissed', '$checklist_restored']);
  });

  it('locks later items of a sequential checklist', async () => {
    const cfg = structuredClone(config);
    cfg.checklists[0]!.order = 'sequential';
    const { ui } = await open({ cfg });
    fireEvent.click(launcher(ui()));
    await settle();
    const hello = ui().getByRole('button', { name: 'Say hello in #general' }) as HTMLButtonElement;
    expect(hello.disabled).toBe(true);
    expect(ui().getAllByText('Finish the earlier steps first').length).toBeGreaterThan(0);
  });

  it('renders Arabic right to left', async () => {
    const { ui, host } = await open({ traits: { locale: 'ar' } });
    expect(ui().getByRole('button', { name: /ابدأ مع TeamChat/ })).toBeTruthy();
    expect(host?.shadowRoot?.querySelector('[dir="rtl"]')).toBeTruthy();
  });

  it('merges the collector state: an item done on another device shows done', async () => {
    const state = {
      userId: 'u1',
      accountId: 'w1',
      user: {
        firstSeen: 1,
        lastSeen: 2,
        reached: { first_message: 2 },
        activatedAt: null,
        progress: {},
        seen: [],
      },
      account: null,
      dismissed: {},
    };
    const { ui, fetches } = await open({ state });
    await waitFor(() => expect(launcher(ui()).textContent).toBe('1 of 5'));
    // The account is named: a collector without identity verification tells no one which it is.
    expect(fetches.some((u) => /\/v1\/users\/u1\/state\?key=.*&account=w1/.test(u))).toBe(true);
  });

  it('asks the collector again once this page’s first events are delivered, so progress is never behind it', async () => {
    // An earlier page left "message sent" queued: the collector knows it once delivered.
    let delivered = false;
    const state = () => ({
      userId: 'u1',
      accountId: 'w1',
      user: {
        firstSeen: 1,
        lastSeen: 2,
        reached: delivered ? { first_message: 2 } : {},
        activatedAt: null,
        progress: {},
        seen: [],
      },
      account: null,
      dismissed: {},
    });
    const { ahakit, ui, fetches } = await open({ state });
    const stateFetches = () => fetches.filter((u) => u.includes('/state?')).length;
    expect(launcher(ui()).textContent).toBe('0 of 5');
    const before = stateFetches();
    delivered = true;
    await ahakit.flush();
    await waitFor(() => expect(launcher(ui()).textContent).toBe('1 of 5'), { timeout: 4000 });
    expect(stateFetches()).toBe(before + 1);
  });

  it('keeps two tabs the same', async () => {
    const channel = channels();
    const a = await open({ channel, writeKey: 'pk_tabs' });
    const b = await open({ channel, writeKey: 'pk_tabs' });
    a.ahakit.track('workspace_created');
    await settle();
    const [, second] = document.querySelectorAll('ahakit-widget');
    const bUi = within(second?.shadowRoot as unknown as HTMLElement);
    expect(bUi.getByRole('button', { name: /Get started/ }).textContent).toBe('1 of 5');
    expect(b).toBeTruthy();
  });

  it('runs url, event and element actions', async () => {
    const { ui, tracked } = await open();
    const fired: unknown[] = [];
    window.addEventListener('open-help', (e) => fired.push((e as CustomEvent).detail));
    const popped: string[] = [];
    window.addEventListener('popstate', () => popped.push(location.pathname));
    fireEvent.click(launcher(ui()));
    await settle();
    fireEvent.click(ui().getByRole('button', { name: 'Say hello in #general' }));
    await settle();
    expect(location.pathname).toBe('/app/c/general');
    expect(popped).toEqual(['/app/c/general']);

    const outer = document.createElement('div');
    document.body.append(outer);
    const shadow = outer.attachShadow({ mode: 'open' });
    const invite = document.createElement('button');
    invite.dataset.ahakit = 'invite';
    shadow.append(invite);
    let clicked = 0;
    invite.addEventListener('click', () => clicked++);
    fireEvent.click(launcher(ui()));
    await settle();
    fireEvent.click(ui().getByRole('button', { name: 'Invite a teammate' }));
    await settle();
    expect(clicked).toBe(1);
    expect(ui().getByText('', { selector: '.ak-ring' })).toBeTruthy();
    expect(tracked.filter((e) => e === '$checklist_item_clicked')).toHaveLength(2);
  });

  it('hides a checklist whose audience no longer matches (the account went pro)', async () => {
    const { ahakit, ui } = await open();
    expect(launcher(ui())).toBeTruthy();
    ahakit.group('w1', { plan: 'pro' });
    await settle();
    expect(ui().queryByRole('button', { name: /Get started/ })).toBeNull();
  });

  it('does nothing, and throws nothing, when the config has no checklists', async () => {
    const cfg = { ...config, checklists: [] };
    const { ahakit, fetches } = await open({ cfg, shows: false });
    expect(() => ahakit.track('workspace_created')).not.toThrow();
    await ahakit.flush();
    await settle();
    // The config was applied, and nothing of the checklist started: no progress to
    // follow (its first step asks the collector for the user's state), no surface.
    expect(fetches.some((url) => url.includes('/v1/config'))).toBe(true);
    expect(fetches.some((url) => url.includes('/state'))).toBe(false);
    expect(document.querySelector('ahakit-widget')).toBeNull();
  });
});
