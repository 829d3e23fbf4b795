import { workspaceBadge } from '../avatar.js';
import { h, region } from '../dom.js';
import { icon } from '../icons.js';
import { messageUsage } from '../messages.js';
import { planOf } from '../plans.js';
import { channelsOf, sessionOf } from '../queries.js';
import { channelPath } from '../router.js';
import { openAddChannelDialog } from './add-channel-dialog.js';
import { openInviteDialog } from './invite-dialog.js';
import { usageMeter } from './usage-meter.js';
import { userMenu } from './user-menu.js';

/** The aubergine sidebar: workspace and user, channels, invite, pricing, plan usage. */
export function createSidebar(ctx) {
  const { store } = ctx;
  const top = h('div', { class: 'sidebar-top' });
  const channels = h('ul', { class: 'channel-list' });
  const usage = h('div', { class: 'sidebar-usage' });
  const renderTop = region(top);
  const renderChannels = region(channels);
  const renderUsage = region(usage);

  const element = h(
    'aside',
    { class: 'sidebar', id: 'sidebar', 'aria-label': 'Workspace' },
    top,
    h(
      'div',
      { class: 'sidebar-scroll' },
      h(
        'nav',
        { class: 'sidebar-section', 'aria-labelledby': 'channels-heading' },
        h('h2', { class: 'sidebar-heading', id: 'channels-heading' }, 'Channels'),
        channels,
        h(
          'button',
          {
            type: 'button',
            class: 'sidebar-item',
            onClick: () => openAddChannelDialog(ctx),
          },
          h('span', { class: 'sidebar-item-icon' }, icon('plus', { size: 14 })),
          'Add channel',
        ),
      ),
      h(
        'div',
        { class: 'sidebar-section' },
        h(
          'button',
          { type: 'button', class: 'sidebar-item', onClick: () => openInviteDialog(ctx) },
          h('span', { class: 'sidebar-item-icon' }, icon('userPlus', { size: 14 })),
          'Invite teammates',
        ),
        h(
          'a',
          { class: 'sidebar-item', href: '/pricing' },
          h('span', { class: 'sidebar-item-icon' }, icon('tag', { size: 14 })),
          'Pricing',
        ),
      ),
    ),
    usage,
  );

  /** Brings every part up to date; parts whose content did not change are left alone. */
  function render(activeChannel) {
    const session = sessionOf(store.state);
    if (!session) return;
    const { user, workspace } = session;
    const plan = planOf(workspace);
    renderTop(JSON.stringify([workspace.name, plan.id, user.name, user.email, user.role]), () =>
      h(
        'div',
        { class: 'sidebar-identity' },
        workspaceBadge(workspace),
        h(
          'div',
          { class: 'sidebar-identity-text' },
          h(
            'p',
            { class: 'sidebar-workspace' },
            h('span', { class: 'sidebar-workspace-name', title: workspace.name }, workspace.name),
            h('span', { class: `plan-badge plan-badge-${plan.id}` }, plan.name),
          ),
          userMenu(ctx, user),
        ),
      ),
    );
    const list = channelsOf(store.state, workspace.id);
    renderChannels(JSON.stringify([activeChannel, list.map((channel) => channel.name)]), () =>
      list.map((channel) =>
        h(
          'li',
          {},
          h(
            'a',
            {
              class: 'channel-link',
              href: channelPath(channel.name),
              'aria-current': channel.name === activeChannel ? 'page' : null,
              dataset: { focusKey: channel.id },
            },
            h('span', { class: 'hash' }, '#'),
            ' ',
            channel.name,
          ),
        ),
      ),
    );
    const counts = messageUsage(store.state, workspace);
    renderUsage(JSON.stringify([plan.id, counts.used]), () => usageMeter(workspace, counts));
  }

  return { element, render };
}
