import { track } from '../analytics.js';
import { h, region } from '../dom.js';
import { firstName } from '../format.js';
import { icon } from '../icons.js';
import { messageUsage } from '../messages.js';
import { PLANS } from '../plans.js';
import { sessionOf } from '../queries.js';
import { channelPath } from '../router.js';
import { pricingFaq } from './pricing-faq.js';
import { siteFooter, siteHeader } from './site-chrome.js';
import { openUpgradeDialog } from './upgrade-dialog.js';

/** `/pricing`: Free, Pro and Business, with the (simulated) upgrade and "Talk to sales". */
export function mountPricing(root, ctx) {
  const { store, navigate } = ctx;
  document.title = 'Pricing · TeamChat';
  const header = h('div');
  const intro = h('div', { class: 'pricing-intro' });
  const notice = h('div', { class: 'pricing-notice' });
  const plans = h('div', { class: 'plans' });
  const renderIntro = region(intro);
  const renderPlans = region(plans);

  /** One status line for the page, so there is never more than one role=status at once. */
  function announce(...content) {
    notice.replaceChildren();
    const status = h('div', { class: 'page-notice', role: 'status' });
    notice.append(status);
    setTimeout(() => {
      status.append(
        h(
          'span',
          { class: 'page-notice-icon', 'aria-hidden': 'true' },
          icon('check', { size: 16 }),
        ),
        h('p', {}, ...content),
      );
      status.scrollIntoView({ block: 'nearest' });
    }, 50);
  }

  function onUpgrade() {
    const session = sessionOf(store.state);
    track('upgrade_clicked', { plan: session?.workspace.plan, from: 'pricing' });
    if (!session) {
      navigate('/#get-started');
      return;
    }
    openUpgradeDialog(ctx, session.workspace, {
      onUpgraded: () => {
        const { workspace } = sessionOf(store.state);
        announce(
          h('strong', {}, `${workspace.name} is now on Pro. `),
          'Unlimited messages and huddles are unlocked. ',
          h('a', { href: channelPath('general') }, `Back to ${workspace.name}`),
        );
        notice.querySelector('[role="status"]')?.setAttribute('tabindex', '-1');
        notice.querySelector('[role="status"]')?.focus();
      },
    });
  }

  function onTalkToSales() {
    track('talk_to_sales_clicked', { from: 'pricing' });
    const session = sessionOf(store.state);
    announce(
      h('strong', {}, 'Thanks! '),
      session
        ? `Our sales team will email ${session.user.email} within one business day.`
        : 'Our sales team will be in touch within one business day.',
    );
  }

  function action(planId, session) {
    const current = session?.workspace.plan ?? null;
    if (planId === 'business') {
      return h(
        'button',
        {
          type: 'button',
          class: 'button button-secondary button-block',
          dataset: { focusKey: 'sales' },
          onClick: onTalkToSales,
        },
        'Talk to sales',
      );
    }
    if (planId === current) {
      return h('p', { class: 'plan-current' }, icon('check', { size: 16 }), 'Your current plan');
    }
    if (planId === 'pro') {
      return h(
        'button',
        { type: 'button', class: 'button button-upgrade button-block', onClick: onUpgrade },
        'Upgrade to Pro',
      );
    }
    if (!session) {
      return h(
        'a',
        { class: 'button button-secondary button-block', href: '/#get-started' },
        'Start for free',
      );
    }
    return h('p', { class: 'plan-current plan-included' }, 'Included in your plan');
  }

  function planCard(plan, session) {
    const featured = plan.id === 'pro';
    const headingId = `plan-${plan.id}`;
    return h(
      'article',
      { class: `plan${featured ? ' plan-featured' : ''}`, 'aria-labelledby': headingId },
      featured ? h('p', { class: 'plan-ribbon' }, 'Most popular') : null,
      h('h2', { class: 'plan-name', id: headingId }, plan.name),
      h('p', { class: 'plan-tagline' }, plan.tagline),
      h(
        'p',
        { class: 'plan-price' },
        h('span', { class: 'plan-amount' }, `$${plan.pricePerMember}`),
        h(
          'span',
          { class: 'plan-per' },
          plan.pricePerMember ? 'per member / month' : 'free forever',
        ),
      ),
      action(plan.id, session),
      h(
        'ul',
        { class: 'plan-features' },
        plan.features.map((feature) => h('li', {}, icon('check', { size: 16 }), feature)),
      ),
    );
  }

  function render() {
    const session = sessionOf(store.state);
    header.replaceChildren(siteHeader(store.state, 'pricing'));
    let where = null;
    if (session) {
      const usage = messageUsage(store.state, session.workspace);
      where =
        usage.limit == null
          ? `${session.workspace.name} is on the Pro plan. Thanks, ${firstName(session.user.name)}!`
          : `${session.workspace.name} is on the Free plan and has used ${usage.used} of ${usage.limit} messages.`;
    }
    renderIntro(where, () => [
      h('p', { class: 'eyebrow' }, 'Pricing'),
      h(
        'h1',
        { class: 'pricing-title', tabindex: '-1', 'data-route-focus': '' },
        'Plans that grow with your team',
      ),
      h(
        'p',
        { class: 'pricing-lead' },
        'Start free. Upgrade when your team needs unlimited messages and huddles.',
      ),
      where ? h('p', { class: 'pricing-where' }, where) : null,
    ]);
    renderPlans(JSON.stringify([session?.workspace.plan ?? null, session?.user.email]), () =>
      Object.values(PLANS).map((plan) => planCard(plan, session)),
    );
  }

  render();
  root.append(
    h(
      'div',
      { class: 'site' },
      header,
      h('main', { class: 'pricing', id: 'main' }, intro, notice, plans, pricingFaq()),
      siteFooter(),
    ),
  );

  const unsubscribe = store.subscribe(render);
  return { destroy: unsubscribe };
}
