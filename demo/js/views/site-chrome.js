import { h } from '../dom.js';
import { t } from '../i18n.js';
import { icon } from '../icons.js';
import { sessionOf } from '../queries.js';
import { languageSelect } from './language-select.js';

/** The logo: a chat bubble on aubergine, then the name. */
export function logo({ href = '/' } = {}) {
  return h(
    'a',
    { class: 'logo', href },
    h('span', { class: 'logo-mark', 'aria-hidden': 'true' }, icon('message', { size: 18 })),
    // The product name is not translated; lang keeps its pronunciation English.
    h('span', { class: 'logo-word', lang: 'en' }, 'TeamChat'),
  );
}

/** The top bar of the public pages (landing, pricing, not found). */
export function siteHeader(state, current) {
  const session = sessionOf(state);
  return h(
    'header',
    { class: 'site-header' },
    h(
      'div',
      { class: 'site-header-inner' },
      logo(),
      h(
        'div',
        { class: 'site-header-end' },
        languageSelect({ variant: 'site' }),
        h(
          'nav',
          { class: 'site-nav', 'aria-label': t('site.nav') },
          h(
            'a',
            { href: '/pricing', 'aria-current': current === 'pricing' ? 'page' : null },
            t('site.pricing'),
          ),
          session
            ? h(
                'a',
                { class: 'button button-primary button-small', href: '/app' },
                t('site.open', { workspace: session.workspace.name }),
              )
            : h(
                'a',
                { class: 'button button-primary button-small', href: '/#get-started' },
                t('site.getStarted'),
              ),
        ),
      ),
    ),
  );
}

export function siteFooter() {
  return h('footer', { class: 'site-footer' }, h('p', {}, t('site.footer')));
}
