/** A compiled path pattern: whether a page path matches it. */
export type PathMatcher = (path: string) => boolean;

const SPECIAL = /[.+?^${}()|[\]\\]/g;

/**
 * Compiles a page path pattern once (see `matchPath` for the syntax). A regular
 * expression that does not compile matches nothing: validation rejects it, and the
 * widget must not throw into the host page over a bad config.
 */
export function compilePath(pattern: string): PathMatcher {
  if (pattern.length > 3 && pattern.startsWith('/^') && pattern.endsWith('/')) {
    let regex: RegExp;
    try {
      regex = new RegExp(pattern.slice(1, -1));
    } catch {
      return () => false;
    }
    return (path) => regex.test(clean(path));
  }
  const exact = trimSlash(pattern);
  if (!exact.includes('*')) return (path) => trimSlash(clean(path)) === exact;
  const source = exact.replace(SPECIAL, '\\$&').replace(/\/\*\*|\*\*|\*/g, (glob) =>
    // `/**` may also match nothing, so "/docs/**" covers "/docs" itself.
    glob === '/**' ? '(?:/.*)?' : glob === '**' ? '.*' : '[^/]+',
  );
  const regex = new RegExp(`^${source}$`);
  return (path) => regex.test(trimSlash(clean(path)));
}

/**
 * Whether a page path matches a pattern. Patterns are exact (`"/pricing"`), globs (`*` is
 * one path segment, `**` any number of them) or regular expressions between slashes that
 * start with `^` (`"/^\\/blog\\/\\d+$/"`). Exact and glob patterns ignore a trailing slash;
 * every kind ignores the path's `?query` and `#hash`. Case-sensitive, like URL paths.
 *
 * @example
 * matchPath('/pricing', '/pricing/?plan=pro'); // true
 * matchPath('/app/*' + '/settings', '/app/acme/settings'); // true
 * matchPath('/docs/**', '/docs/api/nudges'); // true
 * matchPath('/^\\/blog\\/\\d+$/', '/blog/42'); // true
 */
export function matchPath(pattern: string, path: string): boolean {
  return compilePath(pattern)(path);
}

function clean(path: string): string {
  const end = path.search(/[?#]/);
  return end === -1 ? path : path.slice(0, end);
}

function trimSlash(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}
