import { effect } from '@preact/signals-core';
import { render } from 'preact';
import type { Format } from './format';
import type { Dashboard } from './model';
import { App, titleOf } from './views/App';

/**
 * Renders the dashboard into `root` and keeps it current: one effect re-renders the tree
 * when any signal it read changes, as the widget does. A new page moves focus to its
 * heading so screen readers announce it. Returns the function that unmounts it.
 */
export function mountDashboard(root: HTMLElement, model: Dashboard, fmt: Format): () => void {
  const doc = root.ownerDocument;
  let lastPage = '';
  const stop = effect(() => {
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
    const page = signedIn ? JSON.stringify(route) : 'sign-in';
    doc.title = signedIn ? `${titleOf(route)} · ahakit` : 'Sign in · ahakit';
    if (page !== lastPage) {
      if (lastPage) root.querySelector<HTMLElement>('h1')?.focus();
      lastPage = page;
    }
  });
  return () => {
    stop();
    render(null, root);
  };
}
