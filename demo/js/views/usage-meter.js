import { track } from '../analytics.js';
import { h } from '../dom.js';
import { plural } from '../format.js';
import { icon } from '../icons.js';

/**
 * The sidebar's plan card. On the Free plan it holds the message meter the end-to-end tests
 * read (role meter, "Messages used"); on Pro there is no limit left to measure.
 */
export function usageMeter(workspace, { used, limit, reached }) {
  if (limit == null) {
    return h(
      'div',
      { class: 'usage usage-unlimited' },
      h('p', { class: 'usage-plan' }, icon('sparkles', { size: 14 }), 'Pro plan'),
      h('p', { class: 'usage-text' }, `${plural(used, 'message')} sent · no message limit`),
    );
  }
  const percent = Math.min(100, Math.round((used / limit) * 100));
  const level = reached ? 'full' : percent >= 80 ? 'high' : 'ok';
  return h(
    'div',
    { class: `usage usage-${level}` },
    h(
      'div',
      { class: 'usage-head' },
      h('p', { class: 'usage-plan' }, 'Free plan'),
      h(
        'a',
        {
          class: 'usage-upgrade',
          href: '/pricing',
          onClick: () => track('upgrade_clicked', { plan: workspace.plan, from: 'usage_meter' }),
        },
        'Upgrade',
      ),
    ),
    h(
      'div',
      {
        class: 'meter',
        role: 'meter',
        'aria-label': 'Messages used',
        'aria-valuemin': 0,
        'aria-valuemax': limit,
        'aria-valuenow': used,
        'aria-valuetext': `${used} of ${limit} messages`,
      },
      h('span', { class: 'meter-bar', style: { width: `${percent}%` } }),
    ),
    h('p', { class: 'usage-text' }, `${used} of ${limit} messages on the Free plan`),
  );
}
