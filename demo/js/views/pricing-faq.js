import { h } from '../dom.js';
import { t } from '../i18n.js';

const FAQ = ['billing', 'limit', 'data'];

/** The questions under the plans, as native disclosure widgets (keyboard-ready for free). */
export function pricingFaq() {
  return h(
    'section',
    { class: 'faq', 'aria-labelledby': 'faq-title' },
    h('h2', { id: 'faq-title', class: 'faq-title' }, t('faq.title')),
    FAQ.map((id) =>
      h(
        'details',
        { class: 'faq-item' },
        h('summary', {}, t(`faq.${id}.q`)),
        h('p', {}, t(`faq.${id}.a`)),
      ),
    ),
  );
}
