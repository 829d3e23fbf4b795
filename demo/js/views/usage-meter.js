import { track } from '../analytics.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { icon } from '../icons.js';
import { PLANS, planLabel } from '../plans.js';

/**
 * The sidebar's plan card. On the Free plan it holds the message meter the end-to-end tests
 * read (role meter, "Messages used"); on Pro there is no limit left to measure.
 */
export function usageMeter(workspace, { used, limit, reached }) {
  if (limit == null) {
    return h(
      'div',
      { class: 'usage usage-unlimited' },
      h('p', { class: 'usage-plan' }, icon('sparkles', { size: 14 }), planLabel(PLANS.pro)),
      h('p', { class: 'usage-text' }, t('usage.unlimited', { count: used })),
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
      h('p', { class: 'usage-plan' }, planLabel(PLANS.free)),
      h(
        'a',
        {
          class: 'usage-upgrade',
          href: '/pricing',
          onClick: () => track('upgrade_clicked', { plan: workspace.plan, from: 'usage_meter' }),
        },
        t('usage.upgrade'),
      ),
    ),
    h(
      'div',
      {
        class: 'meter',
        role: 'meter',
        'aria-label': t('usage.meter'),
        'aria-valuemin': 0,
        'aria-valuemax': limit,
        'aria-valuenow': used,
        'aria-valuetext': t('usage.meterValue', { used, count: limit }),
      },
      h('span', { class: 'meter-bar', style: { width: `${percent}%` } }),
    ),
    h('p', { class: 'usage-text' }, t('usage.free', { used, count: limit })),
  );
}
