import { h } from '../dom.js';
import { t } from '../i18n.js';
import { channelByName, sessionOf } from '../queries.js';
import { createChannelView } from './channel-view.js';
import { createSidebar } from './sidebar.js';

const DRAWER_QUERY = '(max-width: 768px)';

/**
 * `/app/c/<channel>`: the signed-in app. The shell stays mounted while moving between
 * channels; only the parts that change re-render. Below 768 px the sidebar is a drawer.
 */
export function mountWorkspace(root, ctx, route, kept = {}) {
  const { store } = ctx;
  const sidebar = createSidebar(ctx);
  const channelView = createChannelView(ctx, { onToggleSidebar: openDrawer });
  const backdrop = h('div', { class: 'drawer-backdrop', onClick: () => closeDrawer() });
  const skipLink = h(
    'a',
    {
      class: 'skip-link',
      href: '#main',
      onClick: (event) => {
        event.preventDefault();
        channelView.focus();
      },
    },
    t('app.skip'),
  );
  const shell = h(
    'div',
    { class: 'workspace' },
    skipLink,
    sidebar.element,
    backdrop,
    channelView.element,
  );
  let channelName = null;
  root.append(shell);

  function setToggles(expanded) {
    for (const toggle of shell.querySelectorAll('.sidebar-toggle')) {
      toggle.setAttribute('aria-expanded', String(expanded));
    }
  }

  function openDrawer() {
    shell.classList.add('drawer-open');
    setToggles(true);
    sidebar.element.querySelector('[aria-current="page"], a, button')?.focus();
  }

  function closeDrawer({ restoreFocus = true } = {}) {
    if (!shell.classList.contains('drawer-open')) return;
    shell.classList.remove('drawer-open');
    setToggles(false);
    if (restoreFocus) shell.querySelector('.sidebar-toggle')?.focus();
  }

  function onKeydown(event) {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    // Esc in a dialog or menu closes that, not the drawer behind it.
    if (event.target instanceof Element && event.target.closest('dialog')) return;
    closeDrawer();
  }

  // Leaving the small-screen layout with the drawer open must not leave it half-open.
  const drawerQuery = matchMedia(DRAWER_QUERY);
  const onLayoutChange = () => closeDrawer({ restoreFocus: false });
  drawerQuery.addEventListener('change', onLayoutChange);
  document.addEventListener('keydown', onKeydown);

  function setTitle() {
    const session = sessionOf(store.state);
    if (!session) return;
    const channel = channelByName(store.state, session.workspace.id, channelName);
    // Without bidi isolates: some window title bars draw them as boxes.
    document.title = t('app.documentTitle', {
      channel: channel ? `#${channel.name}` : t('channel.notFound'),
      workspace: session.workspace.name,
    }).replace(/[\u2068\u2069]/g, '');
  }

  function update(next) {
    channelName = next.params.channel;
    closeDrawer({ restoreFocus: false });
    sidebar.render(channelName);
    channelView.show(channelName);
    setTitle();
  }

  const unsubscribe = store.subscribe(() => {
    if (!sessionOf(store.state)) return;
    sidebar.render(channelName);
    channelView.refresh();
    setTitle();
  });

  update(route);
  // Re-rendered in another language with the drawer open: keep it open, without moving focus.
  // It opens without sliding in, so the language switch inside can take focus at once.
  if (kept.drawerOpen && drawerQuery.matches) {
    sidebar.element.style.transition = 'none';
    shell.classList.add('drawer-open');
    setToggles(true);
    sidebar.element.getBoundingClientRect();
    sidebar.element.style.transition = '';
  }

  return {
    update,
    /** What a re-render (after a language change) should carry over. */
    keep: () => ({ drawerOpen: shell.classList.contains('drawer-open') }),
    focus: (options) => channelView.focus(options),
    destroy() {
      unsubscribe();
      channelView.destroy();
      document.removeEventListener('keydown', onKeydown);
      drawerQuery.removeEventListener('change', onLayoutChange);
    },
  };
}
