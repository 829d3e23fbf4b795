import { h } from '../dom.js';
import { siteFooter, siteHeader } from './site-chrome.js';

/** Any path TeamChat does not know (the collector serves index.html for all of them). */
export function mountNotFound(root, { store }) {
  document.title = 'Page not found · TeamChat';
  root.append(
    h(
      'div',
      { class: 'site' },
      siteHeader(store.state, null),
      h(
        'main',
        { class: 'not-found', id: 'main' },
        h('p', { class: 'eyebrow' }, '404'),
        h('h1', { tabindex: '-1', 'data-route-focus': '' }, 'We couldn’t find that page'),
        h('p', {}, 'The link may be old, or the address has a typo.'),
        h('a', { class: 'button button-primary', href: '/' }, 'Go to the TeamChat home page'),
      ),
      siteFooter(),
    ),
  );
  return {};
}
