import { upgradeToPro } from '../billing.js';
import { openDialog } from '../dialog.js';
import { h } from '../dom.js';
import { plural } from '../format.js';
import { PLANS } from '../plans.js';

/** The confirm step before the (simulated) upgrade. Calls `onUpgraded` once it is done. */
export function openUpgradeDialog({ store }, workspace, { onUpgraded }) {
  const members = workspace.members.length;
  const price = PLANS.pro.pricePerMember;
  openDialog({
    title: `Upgrade ${workspace.name} to Pro`,
    className: 'dialog-narrow',
    body: (close) =>
      h(
        'div',
        {},
        h(
          'dl',
          { class: 'summary' },
          h('div', {}, h('dt', {}, 'Plan'), h('dd', {}, 'Pro, billed monthly')),
          h('div', {}, h('dt', {}, 'Price'), h('dd', {}, `$${price} per member / month`)),
          h('div', {}, h('dt', {}, 'Members'), h('dd', {}, plural(members, 'member'))),
          h(
            'div',
            { class: 'summary-total' },
            h('dt', {}, 'Total'),
            h('dd', {}, `$${price * members} / month`),
          ),
        ),
        h(
          'p',
          { class: 'dialog-note' },
          'This is a demo: no card is needed and nothing is charged. Your workspace moves to Pro ',
          'right away: unlimited messages and huddles.',
        ),
        h(
          'div',
          { class: 'dialog-actions' },
          h(
            'button',
            { type: 'button', class: 'button button-secondary', onClick: () => close() },
            'Cancel',
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
            'Confirm upgrade',
          ),
        ),
      ),
  });
}
