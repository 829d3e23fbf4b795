import { upgradeToPro } from '../billing.js';
import { openDialog } from '../dialog.js';
import { h } from '../dom.js';
import { formatPrice } from '../format.js';
import { t } from '../i18n.js';
import { PLANS } from '../plans.js';

/** The confirm step before the (simulated) upgrade. Calls `onUpgraded` once it is done. */
export function openUpgradeDialog({ store }, workspace, { onUpgraded }) {
  const members = workspace.members.length;
  const price = PLANS.pro.pricePerMember;
  const row = (term, value, className) =>
    h('div', { class: className }, h('dt', {}, term), h('dd', {}, value));
  openDialog({
    title: t('upgrade.title', { workspace: workspace.name }),
    className: 'dialog-narrow',
    body: (close) =>
      h(
        'div',
        {},
        h(
          'dl',
          { class: 'summary' },
          row(t('upgrade.plan'), t('upgrade.planValue')),
          row(t('upgrade.price'), t('upgrade.priceValue', { price: formatPrice(price) })),
          row(t('upgrade.members'), t('count.members', { count: members })),
          row(
            t('upgrade.total'),
            t('upgrade.totalValue', { price: formatPrice(price * members) }),
            'summary-total',
          ),
        ),
        h('p', { class: 'dialog-note' }, t('upgrade.note')),
        h(
          'div',
          { class: 'dialog-actions' },
          h(
            'button',
            { type: 'button', class: 'button button-secondary', onClick: () => close() },
            t('common.cancel'),
          ),
          h(
            'button',
            {
              type: 'button',
              class: 'button button-upgrade',
              onClick: () => {
                upgradeToPro(store, workspace.id);
                close({ restoreFocus: false });
                onUpgraded();
              },
            },
            t('upgrade.confirm'),
          ),
        ),
      ),
  });
}
