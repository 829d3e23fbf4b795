import { h } from '../dom.js';
import { icon } from '../icons.js';
import { sessionOf } from '../queries.js';

/** The logo: a chat bubble on aubergine, then the name. */
export function logo({ href = '/' } = {}) {
  return h(
    'a',
    { class: 'logo', href },
    h('span', { class: 'logo-mark', 'aria-hidden': 'true' }, icon('message', { size: 18 })),
    h('span', { class: 'logo-word' }, 'TeamChat'),
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
        'nav',
        { class: 'site-nav', 'aria-label': 'Main' },
        h(
          'a',
          { href: '/pricing', 'aria-current': current === 'pricing' ? 'page' : null },
          'Pricing',
        ),
        session
          ? h('a', { class: 'button button-primary button-small', href: '/app' }, [
              'Open ',
              session.workspace.name,
            ])
          : h(
              'a',
              { class: 'button button-primary button-small', href: '/#get-started' },
              'Get started',
            ),
      ),
    ),
  );
}

export function siteFooter() {
  return h(
    'footer',
    { class: 'site-footer' },
    h(
      'p',
      {},
      'TeamChat is the demo app of ahakit. It has no backend of its own: your workspaces, ',
      'channels and messages stay in this browser’s local storage.',
    ),
  );
}
