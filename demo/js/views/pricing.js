import { track } from '../analytics.js';
import { h, region } from '../dom.js';
import { firstName, formatPrice } from '../format.js';
import { t, tn } from '../i18n.js';
import { icon } from '../icons.js';
import { messageUsage } from '../messages.js';
import { PLANS, planFeatures, planName, planTagline } from '../plans.js';
import { sessionOf } from '../queries.js';
import { channelPath } from '../router.js';
import { pricingFaq } from './pricing-faq.js';
import { siteFooter, siteHeader } from './site-chrome.js';
import { openUpgradeDialog } from './upgrade-dialog.js';

/** `/pricing`: Free, Pro and Business, with the (simulated) upgrade and "Talk to sales". */
export function mountPricing(root, ctx) {
  const { store, navigate } = ctx;
  document.title = t('pricing.documentTitle');
  const header = h('div');
  const intro = h('div', { class: 'pricing-intro' });
  const notice = h('div', { class: 'pricing-notice' });
  const plans = h('div', { class: 'plans' });
  const renderIntro = region(intro);
  const renderPlans = region(plans);

  /** One status line for the page, so there is never more than one role=status at once. */
  function announce(content) {
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
        h('p', {}, content),
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
          tn('pricing.upgradedNotice', {
            title: h('strong', {}, t('pricing.upgraded', { workspace: workspace.name })),
            link: h(
              'a',
              { href: channelPath('general') },
              t('pricing.back', { workspace: workspace.name }),
            ),
          }),
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
      tn('pricing.salesNotice', {
        title: h('strong', {}, t('pricing.thanks')),
        text: session ? t('pricing.salesEmail', { email: session.user.email }) : t('pricing.sales'),
      }),
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
        t('pricing.talkToSales'),
      );
    }
    if (planId === current) {
      return h('p', { class: 'plan-current' }, icon('check', { size: 16 }), t('pricing.current'));
    }
    if (planId === 'pro') {
      return h(
        'button',
        { type: 'button', class: 'button button-upgrade button-block', onClick: onUpgrade },
        t('upgrade.toPro'),
      );
    }
    if (!session) {
      return h(
        'a',
        { class: 'button button-secondary button-block', href: '/#get-started' },
        t('pricing.startFree'),
      );
    }
    return h('p', { class: 'plan-current plan-included' }, t('pricing.included'));
  }

  function planCard(plan, session) {
    const featured = plan.id === 'pro';
    const headingId = `plan-${plan.id}`;
    return h(
      'article',
      { class: `plan${featured ? ' plan-featured' : ''}`, 'aria-labelledby': headingId },
      featured ? h('p', { class: 'plan-ribbon' }, t('pricing.popular')) : null,
      h('h2', { class: 'plan-name', id: headingId }, planName(plan)),
      h('p', { class: 'plan-tagline' }, planTagline(plan)),
      h(
        'p',
        { class: 'plan-price' },
        h('span', { class: 'plan-amount' }, formatPrice(plan.pricePerMember)),
        h(
          'span',
          { class: 'plan-per' },
          plan.pricePerMember ? t('pricing.perMember') : t('pricing.freeForever'),
        ),
      ),
      action(plan.id, session),
      h(
        'ul',
        { class: 'plan-features' },
        planFeatures(plan).map((feature) => h('li', {}, icon('check', { size: 16 }), feature)),
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
          ? t('pricing.wherePro', {
              workspace: session.workspace.name,
              name: firstName(session.user.name),
            })
          : t('pricing.whereFree', {
              workspace: session.workspace.name,
              used: usage.used,
              count: usage.limit,
            });
    }
    renderIntro(where, () => [
      h('p', { class: 'eyebrow' }, t('pricing.eyebrow')),
      h(
        'h1',
        { class: 'pricing-title', tabindex: '-1', 'data-route-focus': '' },
        t('pricing.title'),
      ),
      h('p', { class: 'pricing-lead' }, t('pricing.lead')),
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
