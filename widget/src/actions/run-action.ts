import type { ChecklistAction } from '../../../core/config/checklists';
import type { Warn } from '../warn';
import { findElement } from './find-element';

/**
 * Does what a checklist item's action says, in the host page:
 * - `url`: a place in this app is reached the way its router listens: a hash on the same
 *   page is set by the browser (`hashchange` and `popstate`, for hash routers); another
 *   path is pushed to history with a `popstate` event, so SPA routers render it without a
 *   reload; another origin is loaded; `newTab` opens a new tab;
 * - `event`: a `CustomEvent` on `window` for the app to handle;
 * - `element`: scrolls the element into view, focuses it and, with `click`, clicks it.
 * Returns the element pointed at (for the highlight), or null.
 *
 * @example
 * runAction({ type: 'event', event: 'open-invite' }, window, warn);
 */
export function runAction(action: ChecklistAction, page: Window, warn: Warn): Element | null {
  // The page's own constructors: a widget in an iframe dispatches in the iframe's realm.
  const win = page as Window & typeof globalThis;
  try {
    if (action.type === 'event') {
      win.dispatchEvent(new win.CustomEvent(action.event, { detail: action.detail ?? {} }));
      return null;
    }
    if (action.type === 'url') {
      const url = new URL(action.url, win.location.href);
      const { pathname, search } = win.location;
      if (action.newTab) win.open(url.href, '_blank', 'noopener');
      else if (url.origin !== win.location.origin) win.location.assign(url.href);
      // Hash routers listen to hashchange only: setting the hash fires it (and popstate).
      else if (url.hash && url.pathname + url.search === pathname + search)
        win.location.hash = url.hash;
      else {
        win.history.pushState(null, '', url.pathname + url.search + url.hash);
        win.dispatchEvent(new win.PopStateEvent('popstate', { state: null }));
      }
      return null;
    }
    const element = findElement(win.document, action.selector) as HTMLElement | null;
    if (!element) {
      warn(`no element matches "${action.selector}"`);
      return null;
    }
    const still = win.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    element.scrollIntoView?.({ block: 'center', behavior: still ? 'auto' : 'smooth' });
    element.focus?.({ preventScroll: true });
    if (action.click) element.click();
    return element;
  } catch (error) {
    warn('a checklist action failed', error);
    return null;
  }
}
