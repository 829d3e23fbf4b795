import { workspaceBadge } from '../avatar.js';
import { h, region } from '../dom.js';
import { t } from '../i18n.js';
import { icon } from '../icons.js';
import { messageUsage } from '../messages.js';
import { planName, planOf } from '../plans.js';
import { channelsOf, sessionOf } from '../queries.js';
import { channelPath } from '../router.js';
import { openAddChannelDialog } from './add-channel-dialog.js';
import { openInviteDialog } from './invite-dialog.js';
import { languageSelect } from './language-select.js';
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
    { class: 'sidebar', id: 'sidebar', 'aria-label': t('sidebar.label') },
    top,
    h(
      'div',
      { class: 'sidebar-scroll' },
      h(
        'nav',
        { class: 'sidebar-section', 'aria-labelledby': 'channels-heading' },
        h('h2', { class: 'sidebar-heading', id: 'channels-heading' }, t('sidebar.channels')),
        channels,
        h(
          'button',
          {
            type: 'button',
            class: 'sidebar-item',
            // What the onboarding checklist points at ("Create three channels").
            'data-ahakit': 'add-channel',
            onClick: () => openAddChannelDialog(ctx),
          },
          h('span', { class: 'sidebar-item-icon' }, icon('plus', { size: 14 })),
          t('sidebar.addChannel'),
        ),
      ),
      h(
        'div',
        { class: 'sidebar-section' },
        h(
          'button',
          {
            type: 'button',
            class: 'sidebar-item',
            // The checklist's "Invite a teammate" clicks this to open the dialog.
            'data-ahakit': 'invite',
            onClick: () => openInviteDialog(ctx),
          },
          h('span', { class: 'sidebar-item-icon' }, icon('userPlus', { size: 14 })),
          t('sidebar.invite'),
        ),
        h(
          'a',
          { class: 'sidebar-item', href: '/pricing' },
          h('span', { class: 'sidebar-item-icon' }, icon('tag', { size: 14 })),
          t('sidebar.pricing'),
        ),
      ),
    ),
    h('div', { class: 'sidebar-footer' }, usage, languageSelect({ variant: 'sidebar' })),
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
            // dir=auto: a Latin name in an Arabic page is cut at its own end ("Analytical En…").
            h(
              'span',
              { class: 'sidebar-workspace-name', title: workspace.name, dir: 'auto' },
              workspace.name,
            ),
            h('span', { class: `plan-badge plan-badge-${plan.id}` }, planName(plan)),
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
