import { workspaceBadge } from '../avatar.js';
import { h } from '../dom.js';
import { firstName, plural } from '../format.js';
import { icon } from '../icons.js';
import { planOf } from '../plans.js';
import { sessionOf } from '../queries.js';
import { signOut } from '../session.js';
import { landingPreview } from './landing-preview.js';
import { signInForm } from './sign-in-form.js';
import { siteFooter, siteHeader } from './site-chrome.js';

const FEATURES = [
  'Channels for every project, team and topic',
  'Invite your whole team in a few seconds',
  'Free for small teams: no credit card needed',
];

/** `/`: what TeamChat is, and the sign-up / sign-in card. */
export function mountLanding(root, ctx) {
  const { store } = ctx;
  document.title = 'TeamChat · Team chat that keeps everyone in the loop';
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
      h('h2', { class: 'auth-title', id: 'auth-title' }, 'Get started with TeamChat'),
      h(
        'p',
        { class: 'auth-subtitle' },
        'Create a workspace for your team, or join one already in this browser.',
      ),
      form.element,
    );
  }

  function welcomeBack({ user, workspace }) {
    return [
      h('h2', { class: 'auth-title', id: 'auth-title' }, `Welcome back, ${firstName(user.name)}`),
      h('p', { class: 'auth-subtitle' }, `You’re signed in as ${user.email}.`),
      h(
        'a',
        { class: 'workspace-tile', href: '/app' },
        workspaceBadge(workspace, { size: 'lg' }),
        h(
          'span',
          { class: 'workspace-tile-text' },
          h('span', { class: 'workspace-tile-name' }, `Open ${workspace.name}`),
          h(
            'span',
            { class: 'workspace-tile-meta' },
            `${plural(workspace.members.length, 'member')} · ${planOf(workspace).name} plan`,
          ),
        ),
        icon('arrowLeft', { className: 'flip' }),
      ),
      h(
        'p',
        { class: 'auth-switch' },
        `Not ${firstName(user.name)}? `,
        h(
          'button',
          { type: 'button', class: 'link-button', onClick: () => signOut(store) },
          'Sign out',
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
          h('p', { class: 'eyebrow' }, 'Team chat for small teams'),
          h(
            'h1',
            { class: 'landing-title', tabindex: '-1', 'data-route-focus': '' },
            'Where your team talks, decides and ships.',
          ),
          h(
            'p',
            { class: 'landing-lead' },
            'TeamChat brings your conversations into channels, so everyone knows what’s going on ',
            'and nothing gets lost in an inbox.',
          ),
          h(
            'ul',
            { class: 'feature-list' },
            FEATURES.map((feature) => h('li', {}, icon('check', { size: 16 }), feature)),
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
