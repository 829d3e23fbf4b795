/** A compiled path pattern: whether a page path matches it. */
export type PathMatcher = (path: string) => boolean;

const SPECIAL = /[.+?^${}()|[\]\\]/g;

/** Whether a pattern reads the hash too: it contains `#` (`"/#/completed"`). */
export const isHashPattern = (pattern: string) => pattern.includes('#');

/**
 * Compiles a page path pattern once (see `matchPath` for the syntax). A regular
 * expression that does not compile matches nothing: validation rejects it, and the
 * widget must not throw into the host page over a bad config.
 */
export function compilePath(pattern: string): PathMatcher {
  const hash = isHashPattern(pattern);
  if (pattern.length > 3 && pattern.startsWith('/^') && pattern.endsWith('/')) {
    let regex: RegExp;
    try {
      regex = new RegExp(pattern.slice(1, -1));
    } catch {
      return () => false;
    }
    return (path) => regex.test(clean(path, hash));
  }
  const exact = trimSlash(pattern);
  if (!exact.includes('*')) return (path) => trimSlash(clean(path, hash)) === exact;
  const source = exact.replace(SPECIAL, '\\$&').replace(/\/\*\*|\*\*|\*/g, (glob) =>
    // `/**` may also match nothing, so "/docs/**" covers "/docs" itself.
    glob === '/**' ? '(?:/.*)?' : glob === '**' ? '.*' : '[^/]+',
  );
  const regex = new RegExp(`^${source}$`);
  return (path) => regex.test(trimSlash(clean(path, hash)));
}

/**
 * Whether a page path matches a pattern. Patterns are exact (`"/pricing"`), globs (`*` is
 * one path segment, `**` any number of them) or regular expressions between slashes that
 * start with `^` (`"/^\\/blog\\/\\d+$/"`). Exact and glob patterns ignore a trailing slash;
 * every kind ignores the path's `?query`. A pattern without `#` ignores the `#hash`; one
 * with `#` is a hash route, matched against the path and the hash (`"/#/completed"`,
 * `"/app/#/todos/*"`), the hash's own `?query` ignored. Case-sensitive, like URL paths.
 *
 * @example
 * matchPath('/pricing', '/pricing/?plan=pro'); // true
 * matchPath('/app/*' + '/settings', '/app/acme/settings'); // true
 * matchPath('/docs/**', '/docs/api/nudges'); // true
 * matchPath('/^\\/blog\\/\\d+$/', '/blog/42'); // true
 * matchPath('/#/completed', '/#/completed'); // true
 * matchPath('/#/completed', '/#/active'); // false
 */
export function matchPath(pattern: string, path: string): boolean {
  return compilePath(pattern)(path);
}

/**
 * The page path signals and page triggers are matched against, from a page event's
 * properties (`path`, `url`, as the widget and Segment's libraries send them): the path,
 * and its `#hash` too when `withHash` (the config has hash-route patterns). Without hash
 * routes an in-page anchor (`/pricing#plans`) is the same page.
 *
 * @example
 * pagePath({ path: '/', url: 'https://todo.example/#/completed' }, true); // '/#/completed'
 * pagePath({ path: '/', url: 'https://todo.example/#/completed' }, false); // '/'
 */
export function pagePath(
  { path, url }: { readonly path?: unknown; readonly url?: unknown },
  withHash: boolean,
): string | undefined {
  if (typeof path !== 'string') return undefined;
  return withHash && typeof url === 'string' && !path.includes('#')
    ? path + url.replace(/^[^#]*/, '')
    : path;
}

/**
 * The path without its `?query`, and without its `#hash` unless `keepHash`; hash routers
 * keep their own query in the hash (`#/todos?filter=done`), dropped too.
 */
const clean = (path: string, keepHash: boolean) =>
  path.replace(keepHash ? /\?[^#]*/g : /[?#].*/, '');

function trimSlash(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}
