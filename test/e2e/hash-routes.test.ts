import { describe, expect, it } from 'vitest';
import { hasBrowser } from '../helpers/browser';
import { E2E_WRITE_KEY, eventually } from '../helpers/collector-process';
import { hostSite, SNIPPET } from '../helpers/host-site';

/**
 * A small hash-routed app, TodoMVC style: its router listens to `hashchange` and nothing
 * else (no popstate, no history patching).
 */
const page = (collector: string) => `<!doctype html><html><head><title>Todos</title>${SNIPPET}
<script>ahakit('identify', 'hash-user', { firstName: 'Ada' });</script>
<script async src="${collector}/ahakit.js" data-key="${E2E_WRITE_KEY}"></script>
</head><body>
<nav><a href="#/">All</a> <a href="#/active">Active</a> <a href="#/completed">Completed</a></nav>
<h1 id="view"></h1>
<script>
  const views = { '#/active': 'Active todos', '#/completed': 'Completed todos' };
  const render = () => {
    document.getElementById('view').textContent = views[location.hash] || 'All todos';
  };
  window.addEventListener('hashchange', render);
  render();
</script></body></html>`;

const config = (origin: string) => ({
  product: { name: 'Todos' },
  collector: { allowedOrigins: [origin] },
  widget: { flushIntervalMs: 100 },
  milestones: [
    { id: 'added', event: 'todo_added' },
    { id: 'completed', event: 'todo_completed' },
    { id: 'cleared', event: 'completed_cleared' },
  ],
  checklists: [
    {
      id: 'start',
      title: 'Get going',
      items: [
        { id: 'add', title: 'Add a todo', milestone: 'added' },
        { id: 'complete', title: 'Complete a todo', milestone: 'completed' },
        {
          id: 'clear',
          title: 'Clear the completed ones',
          milestone: 'cleared',
          action: { type: 'url', url: '#/completed' },
        },
      ],
    },
  ],
  signals: [{ id: 'completed_viewed', type: 'page', path: '/#/completed' }],
});

interface Timeline {
  timeline: { event: string | null; properties: Record<string, unknown> }[];
}

describe.skipIf(!hasBrowser)('a hash-routed app, in real Chromium', () => {
  const site = hostSite(page, config);

  it('fires the "/#/completed" page signal on #/completed, not on #/active, and a url action switches its router', async () => {
    const p = await site.browser.newPage();
    const errors: string[] = [];
    p.on('pageerror', (e) => errors.push(e.message));
    await p.goto(`${site.url}/`);
    const view = p.locator('#view');

    // The user's own navigation: a link to #/active fires nothing.
    await p.getByRole('link', { name: 'Active' }).click();
    await expect.poll(() => view.textContent()).toBe('Active todos');

    // The checklist item's action `#/completed`: the router, listening to hashchange only, follows.
    await p.getByRole('button', { name: /Get going/ }).click();
    await p.getByRole('button', { name: /Clear the completed ones/ }).click();
    await expect.poll(() => view.textContent()).toBe('Completed todos');
    expect(new URL(p.url()).hash).toBe('#/completed');

    const signals = await eventually(async () => {
      const res = await site.collector.admin('/v1/admin/users/hash-user');
      if (!res.ok) return undefined;
      const found = ((await res.json()) as Timeline).timeline.filter((e) => e.event === '$signal');
      return found.length > 0 ? found : undefined;
    });
    // Everything the widget queued before it went out in order: #/active's page came first.
    expect(signals.map((e) => e.properties)).toEqual([
      { signalId: 'completed_viewed', type: 'page', path: '/#/completed' },
    ]);
    expect(errors).toEqual([]);
  });
});
