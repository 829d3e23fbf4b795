import { identifySession } from './js/identify-session.js';
import { sessionOf } from './js/queries.js';
import { channelPath, createRouter } from './js/router.js';
import { createStore } from './js/store.js';
import { mountLanding } from './js/views/landing.js';
import { mountNotFound } from './js/views/not-found.js';
import { mountPricing } from './js/views/pricing.js';
import { mountWorkspace } from './js/views/workspace.js';

/**
 * TeamChat's entry: one store, one router, and one mounted view per kind of page.
 * Moving between channels updates the mounted workspace instead of rebuilding it.
 */
const VIEWS = {
  landing: mountLanding,
  pricing: mountPricing,
  workspace: mountWorkspace,
  'not-found': mountNotFound,
};

const root = document.getElementById('app');
const store = createStore();
const router = createRouter(show);
const ctx = { store, navigate: router.navigate };
let active = null;

function show(route, { initial }) {
  const session = sessionOf(store.state);
  if (route.name === 'app' || route.name === 'channel') {
    if (!session) return router.navigate('/', { replace: true });
    if (route.name === 'app') return router.navigate(channelPath('general'), { replace: true });
  }
  const name = route.name === 'channel' ? 'workspace' : route.name;
  if (active?.name === name && active.view.update) {
    active.view.update(route);
  } else {
    active?.view.destroy?.();
    root.replaceChildren();
    active = { name, view: VIEWS[name](root, ctx, route) };
    if (!initial) window.scrollTo(0, 0);
  }
  moveFocus(initial);
}

/**
 * After an in-app navigation, focus goes to the new page's main heading (or the view's own
 * choice), so screen readers announce where the user landed. A #hash wins over both.
 */
function moveFocus(initial) {
  const target = location.hash ? document.getElementById(location.hash.slice(1)) : null;
  if (target) {
    target.scrollIntoView({ block: 'start' });
    target.querySelector('input, select, textarea, button')?.focus({ preventScroll: true });
    return;
  }
  if (active.view.focus) active.view.focus({ initial });
  else if (!initial) root.querySelector('[data-route-focus]')?.focus({ preventScroll: true });
}

// Another tab signed out (or this browser's data was cleared): leave the app.
store.subscribe((state) => {
  if (active?.name === 'workspace' && !sessionOf(state)) router.navigate('/', { replace: true });
});

identifySession(store.state);
router.start();
