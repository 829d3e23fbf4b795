import { track } from '../analytics.js';
import { avatar } from '../avatar.js';
import { h, uniqueId } from '../dom.js';
import { formatNumber, t, tn } from '../i18n.js';
import { icon } from '../icons.js';
import { PLANS, planName } from '../plans.js';
import { channelDescription } from '../system-texts.js';

/**
 * The channel's title bar: a menu toggle on small screens, the name and description, the
 * members, and "Huddles", a Pro feature (data-paid-feature lets ahakit find it).
 */
export function channelHeader({ channel, workspace, members, onToggleSidebar, onHuddles }) {
  const locked = workspace.plan === 'free';
  const lockedHintId = uniqueId('huddles-hint');
  const description = channelDescription(channel, workspace);
  return [
    sidebarToggle(onToggleSidebar),
    h(
      'div',
      { class: 'channel-title' },
      h(
        'h1',
        { class: 'channel-name', tabindex: '-1', 'data-route-focus': '' },
        h('span', { class: 'channel-name-hash', 'aria-hidden': 'true' }, '#'),
        channel.name,
      ),
      description
        ? h('p', { class: 'channel-description', dir: 'auto', title: description }, description)
        : null,
    ),
    h(
      'div',
      { class: 'channel-actions' },
      h(
        'div',
        {
          class: 'member-stack',
          role: 'img',
          'aria-label': t('channel.members', { count: members.length, workspace: workspace.name }),
          title: members.map((member) => member.name).join(', '),
        },
        members.slice(0, 3).map((member) => avatar(member, { size: 'xs' })),
        h('span', { class: 'member-count' }, formatNumber(members.length)),
      ),
      h(
        'button',
        {
          type: 'button',
          class: `button button-secondary button-small huddles-button${locked ? ' is-locked' : ''}`,
          'data-paid-feature': 'huddles',
          dataset: { focusKey: 'huddles' },
          'aria-describedby': locked ? lockedHintId : null,
          onClick: () => {
            track('huddle_clicked', { plan: workspace.plan });
            onHuddles();
          },
        },
        icon('headphones', { size: 16 }),
        h('span', { class: 'huddles-label' }, t('huddles.name')),
        locked
          ? h(
              'span',
              { class: 'lock-badge', 'aria-hidden': 'true' },
              icon('lock', { size: 11 }),
              planName(PLANS.pro),
            )
          : null,
      ),
      locked ? h('span', { id: lockedHintId, hidden: true }, t('huddles.hint')) : null,
    ),
  ];
}

/** The ☰ button that opens the sidebar as a drawer on small screens (hidden on wide ones). */
export function sidebarToggle(onToggle) {
  return h(
    'button',
    {
      type: 'button',
      class: 'icon-button sidebar-toggle',
      'aria-label': t('sidebar.open'),
      'aria-controls': 'sidebar',
      'aria-expanded': 'false',
      onClick: onToggle,
    },
    icon('menu', { size: 20 }),
  );
}

/** What clicking Huddles says; there are no real huddles in the demo. */
export function huddlesNotice(workspace, channel, onDismiss) {
  const locked = workspace.plan === 'free';
  const status = h('div', { class: 'inline-notice', role: 'status' });
  // Filled a moment after insertion, so screen readers notice the live region's new text.
  setTimeout(() => {
    status.append(
      h(
        'span',
        { class: 'inline-notice-icon', 'aria-hidden': 'true' },
        icon(locked ? 'lock' : 'headphones', { size: 16 }),
      ),
      locked
        ? h(
            'p',
            {},
            tn('huddles.locked', {
              title: h('strong', {}, t('huddles.lockedTitle')),
              workspace: workspace.name,
              channel: `#${channel.name}`,
              link: h(
                'a',
                {
                  href: '/pricing',
                  onClick: () =>
                    track('upgrade_clicked', { plan: workspace.plan, from: 'huddles' }),
                },
                t('huddles.compare'),
              ),
            }),
          )
        : h(
            'p',
            {},
            tn('huddles.included', { title: h('strong', {}, t('huddles.includedTitle')) }),
          ),
      h(
        'button',
        {
          type: 'button',
          class: 'icon-button',
          'aria-label': t('common.dismiss'),
          onClick: onDismiss,
        },
        icon('x', { size: 16 }),
      ),
    );
  }, 50);
  return status;
}
