import { h, region } from '../dom.js';
import { locale, t } from '../i18n.js';
import { channelByName, membersOf, sessionOf } from '../queries.js';
import { channelPath } from '../router.js';
import { channelHeader, huddlesNotice, sidebarToggle } from './channel-header.js';
import { createComposer } from './composer.js';
import { createMessageList } from './message-list.js';

/** The main column: the open channel's header, its messages and the composer. */
export function createChannelView(ctx, { onToggleSidebar }) {
  const { store } = ctx;
  const header = h('header', { class: 'channel-header' });
  const notices = h('div', { class: 'channel-notices' });
  const body = h('div', { class: 'channel-body' });
  const list = createMessageList(ctx);
  const composer = createComposer(ctx, { onSent: () => renderBody({ scrollToEnd: true }) });
  const element = h('main', { class: 'channel', id: 'main' }, header, notices, body);
  const renderHeader = region(header);
  let channelName = null;
  let found = null;

  function hideNotice() {
    notices.replaceChildren();
  }

  function showHuddlesNotice() {
    const { workspace } = sessionOf(store.state);
    const channel = channelByName(store.state, workspace.id, channelName);
    notices.replaceChildren(huddlesNotice(workspace, channel, hideNotice));
  }

  function renderBody({ channelChanged = false, scrollToEnd = false } = {}) {
    const session = sessionOf(store.state);
    if (!session) return;
    const { workspace } = session;
    const channel = channelByName(store.state, workspace.id, channelName);
    if (!channel) {
      found = false;
      renderHeader(`missing:${channelName}`, () => [
        sidebarToggle(onToggleSidebar),
        h(
          'div',
          { class: 'channel-title' },
          h(
            'h1',
            { class: 'channel-name', tabindex: '-1', 'data-route-focus': '' },
            t('channel.notFound'),
          ),
        ),
      ]);
      body.replaceChildren(
        h(
          'div',
          { class: 'empty-state' },
          h('span', { class: 'empty-state-icon', 'aria-hidden': 'true' }, '#'),
          h(
            'h2',
            {},
            t('channel.missing', { channel: `#${channelName}`, workspace: workspace.name }),
          ),
          h('p', {}, t('channel.missingHint')),
          h(
            'a',
            { class: 'button button-primary', href: channelPath('general') },
            t('channel.goGeneral'),
          ),
        ),
      );
      return;
    }
    const members = membersOf(store.state, workspace);
    renderHeader(
      JSON.stringify([
        channel.id,
        channel.description,
        workspace.plan,
        members.map((m) => m.name),
        locale(),
      ]),
      () =>
        channelHeader({
          channel,
          workspace,
          members,
          onToggleSidebar,
          onHuddles: showHuddlesNotice,
        }),
    );
    if (found !== true) body.replaceChildren(list.element, composer.element);
    found = true;
    list.render(channel, { channelChanged, scrollToEnd });
    composer.render(channel, { channelChanged });
  }

  /** Opens a channel by name (from the URL). */
  function show(name) {
    const changed = name !== channelName;
    channelName = name;
    if (changed) hideNotice();
    renderBody({ channelChanged: changed });
  }

  /**
   * Pointer users land in the composer, ready to type, as in Slack; on touch screens that
   * would pop up the keyboard, so focus goes to the channel's name (not on first load).
   */
  document.addEventListener('teamchat:dialog-open', hideNotice);

  function focus({ initial = false } = {}) {
    const typing = matchMedia('(pointer: fine)').matches && found && composer.focus();
    if (!typing && !initial) header.querySelector('[data-route-focus]')?.focus();
  }

  return {
    element,
    show,
    refresh: () => renderBody(),
    focus,
    destroy: () => document.removeEventListener('teamchat:dialog-open', hideNotice),
  };
}
