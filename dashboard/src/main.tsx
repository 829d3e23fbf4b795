import { createFormat } from './format';
import { createDashboard, type Platform } from './model';
import { mountDashboard } from './mount';

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
      // The click has started the download; the URL may go a little later.
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    },
    now: () => Date.now(),
  };
}

const root = document.getElementById('app');
if (root) {
  root.textContent = '';
  const model = createDashboard(browserPlatform());
  addEventListener('popstate', () => model.syncUrl());
  mountDashboard(root, model, createFormat(navigator.language));
}
