import { workspaceBadge } from '../avatar.js';
import { h } from '../dom.js';
import { firstName } from '../format.js';
import { t } from '../i18n.js';
import { icon } from '../icons.js';
import { sessionOf } from '../queries.js';
import { signOut } from '../session.js';
import { landingPreview } from './landing-preview.js';
import { signInForm } from './sign-in-form.js';
import { siteFooter, siteHeader } from './site-chrome.js';
import { workspaceMeta } from './workspace-meta.js';

const FEATURES = ['landing.feature.channels', 'landing.feature.invite', 'landing.feature.free'];

/** `/`: what TeamChat is, and the sign-up / sign-in card. */
export function mountLanding(root, ctx) {
  const { store } = ctx;
  document.title = t('landing.documentTitle');
  let form = null;
  let signedIn = null;

  const header = h('div');
  const card = h('section', {
    class: 'auth-card',
    id: 'get-started',
    'aria-labelledby': 'auth-title',
  });

  function renderCard() {
    const session = sessionOf(store.state);
    signedIn = Boolean(session);
    form = null;
    if (session) {
      card.replaceChildren(...welcomeBack(session));
      return;
    }
    form = signInForm(ctx);
    card.replaceChildren(
      h('h2', { class: 'auth-title', id: 'auth-title' }, t('auth.title')),
      h('p', { class: 'auth-subtitle' }, t('auth.subtitle')),
      form.element,
    );
  }

  function welcomeBack({ user, workspace }) {
    return [
      h(
        'h2',
        { class: 'auth-title', id: 'auth-title' },
        t('auth.welcomeBack', { name: firstName(user.name) }),
      ),
      h('p', { class: 'auth-subtitle' }, t('auth.signedInAs', { email: user.email })),
      h(
        'a',
        { class: 'workspace-tile', href: '/app' },
        workspaceBadge(workspace, { size: 'lg' }),
        h(
          'span',
          { class: 'workspace-tile-text' },
          h(
            'span',
            { class: 'workspace-tile-name' },
            t('auth.open', { workspace: workspace.name }),
          ),
          h('span', { class: 'workspace-tile-meta' }, workspaceMeta(workspace)),
        ),
        icon('arrowLeft', { className: 'flip' }),
      ),
      h(
        'p',
        { class: 'auth-switch' },
        t('auth.notYou', { name: firstName(user.name) }),
        ' ',
        h(
          'button',
          { type: 'button', class: 'link-button', onClick: () => signOut(store) },
          t('auth.signOut'),
        ),
      ),
    ];
  }

  function renderHeader() {
    header.replaceChildren(siteHeader(store.state, 'landing'));
  }

  renderHeader();
  renderCard();

  const page = h(
    'div',
    { class: 'site' },
    header,
    h(
      'main',
      { class: 'landing', id: 'main' },
      h(
        'div',
        { class: 'landing-inner' },
        h(
          'div',
          { class: 'landing-copy' },
          h('p', { class: 'eyebrow' }, t('landing.eyebrow')),
          h(
            'h1',
            { class: 'landing-title', tabindex: '-1', 'data-route-focus': '' },
            t('landing.title'),
          ),
          h('p', { class: 'landing-lead' }, t('landing.lead')),
          h(
            'ul',
            { class: 'feature-list' },
            FEATURES.map((feature) => h('li', {}, icon('check', { size: 16 }), t(feature))),
          ),
          landingPreview(),
        ),
        card,
      ),
    ),
    siteFooter(),
  );
  root.append(page);

  const unsubscribe = store.subscribe((state) => {
    renderHeader();
    // Keep what the visitor is typing: rebuild the card only when signing in or out.
    if (Boolean(sessionOf(state)) !== signedIn) renderCard();
    else form?.refresh();
  });

  return { destroy: unsubscribe };
}
