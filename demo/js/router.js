/**
 * TeamChat's History API router. The collector answers every unknown GET with index.html,
 * so each of these paths also works on a reload or a shared link.
 */
const ROUTES = [
  { name: 'landing', pattern: /^\/$/ },
  { name: 'app', pattern: /^\/app\/?$/ },
  { name: 'channel', pattern: /^\/app\/c\/([^/]+)\/?$/, params: ['channel'] },
  { name: 'pricing', pattern: /^\/pricing\/?$/ },
];

export function matchRoute(pathname) {
  for (const route of ROUTES) {
    const match = route.pattern.exec(pathname);
    if (!match) continue;
    const params = {};
    for (const [index, key] of (route.params ?? []).entries()) {
      params[key] = safeDecode(match[index + 1]);
    }
    return { name: route.name, params, path: pathname };
  }
  return { name: 'not-found', params: {}, path: pathname };
}

function safeDecode(value) {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export function channelPath(name) {
  return `/app/c/${encodeURIComponent(name)}`;
}

/**
 * `onRoute(route, { initial })` renders a route. Clicks on internal links are turned into
 * pushState navigations; links to paths the app does not own (the collector's /dashboard,
 * files) load normally.
 */
export function createRouter(onRoute) {
  function navigate(to, { replace = false } = {}) {
    const url = new URL(to, location.href);
    const target = url.pathname + url.search + url.hash;
    const here = location.pathname + location.search + location.hash;
    if (replace) history.replaceState(null, '', target);
    else if (target !== here) history.pushState(null, '', target);
    onRoute(matchRoute(url.pathname), { initial: false });
  }

  function onClick(event) {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    // composedPath also sees links inside shadow roots, such as the ahakit widget's.
    const anchor = event
      .composedPath()
      .find((node) => node instanceof HTMLAnchorElement && node.hasAttribute('href'));
    if (!anchor || anchor.hasAttribute('download')) return;
    if (anchor.target && anchor.target !== '_self') return;
    const url = new URL(anchor.href, location.href);
    if (url.origin !== location.origin || matchRoute(url.pathname).name === 'not-found') return;
    event.preventDefault();
    navigate(url.pathname + url.search + url.hash);
  }

  function start() {
    document.addEventListener('click', onClick);
    window.addEventListener('popstate', () => {
      onRoute(matchRoute(location.pathname), { initial: false });
    });
    onRoute(matchRoute(location.pathname), { initial: true });
  }

  return { navigate, start };
}
