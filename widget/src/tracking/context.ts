/**
 * Where the user is, in the `context.page` shape of Segment messages. Without a window
 * (or a document) the fields are undefined, which JSON leaves out.
 */
export interface PageInfo {
  path: string | undefined;
  url: string | undefined;
  title: string | undefined;
  referrer: string | undefined;
  search: string | undefined;
}

export function pageInfo(win: Window | undefined): PageInfo {
  const location = win?.location;
  const doc = win?.document;
  return {
    path: location?.pathname,
    url: location?.href,
    title: doc?.title,
    referrer: doc?.referrer,
    search: location?.search,
  };
}

/** The parts of `context` that describe the browser rather than the page. */
export function deviceContext(win: Window | undefined): Record<string, unknown> {
  try {
    const { navigator, screen } = win!;
    return {
      locale: navigator.language,
      userAgent: navigator.userAgent,
      timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      screen: { width: screen.width, height: screen.height, density: win!.devicePixelRatio },
    };
  } catch {
    // No window (a worker, a test's fake one): the page describes itself less.
    return {};
  }
}
