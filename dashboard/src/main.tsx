import { effect } from '@preact/signals-core';
import { render } from 'preact';
import { createFormat } from './format';
import { createDashboard, type Platform } from './model';
import { App, titleOf } from './views/App';

/** The browser as the dashboard's platform. */
function browserPlatform(): Platform {
  return {
    fetch: (input, init) => fetch(input, init),
    storage: sessionStorage,
    location: () => ({ pathname: location.pathname, search: location.search }),
    pushUrl: (url) => {
      if (url !== `${location.pathname}${location.search}`) history.pushState(null, '', url);
    },
    save: (blob, name) => {
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      link.hidden = true;
      document.body.append(link);
      link.click();
      link.remove();
      // The download has started from the link; the URL can go once the click is handled.
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    },
    now: () => Date.now(),
  };
}

const root = document.getElementById('app');
if (root) {
  root.textContent = '';
  const model = createDashboard(browserPlatform());
  const fmt = createFormat(navigator.language);
  addEventListener('popstate', () => model.syncUrl());

  let lastPage = '';
  // One effect re-renders the tree when anything it read changes, as the widget does.
  effect(() => {
    try {
      render(<App model={model} fmt={fmt} />, root);
    } catch (error) {
      console.error('[ahakit] the dashboard failed to render', error);
      root.textContent =
        'The dashboard failed to render. Reload the page; if it persists, see the browser console.';
      return;
    }
    const route = model.route.value;
    const signedIn = model.key.value !== null;
    const page = signedIn ? `${route.page}:${JSON.stringify(route)}` : 'sign-in';
    document.title = signedIn ? `${titleOf(route)} · ahakit` : 'Sign in · ahakit';
    if (page !== lastPage) {
      // A new page moves focus to its heading, so screen readers announce it.
      if (lastPage) root.querySelector<HTMLElement>('h1')?.focus({ preventScroll: false });
      lastPage = page;
    }
  });
}
