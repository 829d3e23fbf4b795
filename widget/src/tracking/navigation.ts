import { hasOwn } from '../../../core/engine/compare';
/**
 * Calls `onNavigate` after every SPA navigation: `history.pushState` / `replaceState`
 * (patched, since browsers fire no event for them), `popstate` and `hashchange`. The
 * patch calls the host's original first and returns its result; if the original throws,
 * the host sees its own error as before. Returns a function that undoes everything.
 */
export function watchNavigation(win: Window, onNavigate: () => void): () => void {
  let active = true;
  const notify = () => {
    try {
      if (active) onNavigate();
    } catch {
      // Never let the widget's trouble reach the host's history call.
    }
  };

  const history = win.history;
  const patch = (name: 'pushState' | 'replaceState') => {
    const original = history[name];
    const hadOwn = hasOwn(history, name);
    const patched: typeof original = function (this: History, ...args) {
      const result = original.apply(this, args);
      notify();
      return result;
    };
    history[name] = patched;
    return () => {
      // Someone patched on top of us: unpatching would drop their wrapper, so stay inert.
      if (history[name] !== patched) return;
      if (hadOwn) history[name] = original;
      else delete (history as Partial<History>)[name];
    };
  };

  const undo = [patch('pushState'), patch('replaceState')];
  win.addEventListener('popstate', notify);
  win.addEventListener('hashchange', notify);
  return () => {
    active = false;
    for (const restore of undo) restore();
    win.removeEventListener('popstate', notify);
    win.removeEventListener('hashchange', notify);
  };
}
