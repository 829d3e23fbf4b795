import { h } from '../dom.js';
import { t } from '../i18n.js';
import { siteFooter, siteHeader } from './site-chrome.js';

/** Any path TeamChat does not know (the collector serves index.html for all of them). */
export function mountNotFound(root, { store }) {
  document.title = t('notFound.documentTitle');
  root.append(
    h(
      'div',
      { class: 'site' },
      siteHeader(store.state, null),
      h(
        'main',
        { class: 'not-found', id: 'main' },
        h('p', { class: 'eyebrow' }, '404'),
        h('h1', { tabindex: '-1', 'data-route-focus': '' }, t('notFound.title')),
        h('p', {}, t('notFound.text')),
        h('a', { class: 'button button-primary', href: '/' }, t('notFound.home')),
      ),
      siteFooter(),
    ),
  );
  return {};
}
