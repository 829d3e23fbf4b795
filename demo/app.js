import { identify } from './js/analytics.js';
import { onLocaleChange, startI18n } from './js/i18n.js';
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
let currentRoute = null;

function show(route, { initial }) {
  currentRoute = route;
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

/**
 * A new language re-renders the page in place: what was typed in named fields, and the
 * view's own state (an open drawer), are carried over, and focus stays on the switch.
 */
function relocalize({ source }) {
  if (!active || !currentRoute) return;
  const typed = formValues(root);
  const kept = active.view.keep?.() ?? {};
  active.view.destroy?.();
  root.replaceChildren();
  active = { name: active.name, view: VIEWS[active.name](root, ctx, currentRoute, kept) };
  restoreFormValues(root, typed);
  if (source === 'user') root.querySelector('[data-language-select]')?.focus();
}

function formValues(container) {
  const values = new Map();
  for (const field of container.querySelectorAll('input[name], textarea[name], select[name]')) {
    if (field.value) values.set(field.name, field.value);
  }
  return values;
}

function restoreFormValues(container, values) {
  for (const [name, value] of values) {
    const field = container.querySelector(`[name="${CSS.escape(name)}"]`);
    if (!field || field.value) continue;
    field.value = value;
    // Lets the view react as if typed: the composer keeps the draft, selects lose "Optional".
    field.dispatchEvent(new Event(field instanceof HTMLSelectElement ? 'change' : 'input'));
  }
}

onLocaleChange((change) => {
  relocalize(change);
  // The onboarding widget follows the language the person picked here; another tab that
  // merely follows along does not report the same choice again.
  const session = sessionOf(store.state);
  if (change.source === 'user' && session) identify(session.user.id, { locale: change.locale });
});

// Another tab signed out (or this browser's data was cleared): leave the app.
store.subscribe((state) => {
  if (active?.name === 'workspace' && !sessionOf(state)) router.navigate('/', { replace: true });
});

await startI18n();
identifySession(store.state);
router.start();
