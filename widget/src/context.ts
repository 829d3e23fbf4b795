import type { Platform } from './platform';

/** Where the user is, in the `context.page` shape of Segment messages. */
export interface PageInfo {
  path: string;
  url: string;
  title: string;
  referrer: string;
  search: string;
}

function attempt<T>(read: () => T, fallback: T): T {
  try {
    return read() ?? fallback;
  } catch {
    return fallback;
  }
}

export function pageInfo(platform: Pick<Platform, 'window' | 'document'>): PageInfo {
  const location = attempt(() => platform.window?.location, undefined);
  const doc = platform.document;
  return {
    path: attempt(() => location?.pathname ?? '', ''),
    url: attempt(() => location?.href ?? '', ''),
    title: attempt(() => doc?.title ?? '', ''),
    referrer: attempt(() => doc?.referrer ?? '', ''),
    search: attempt(() => location?.search ?? '', ''),
  };
}

/** The parts of `context` that describe the browser rather than the page. */
export function deviceContext(platform: Pick<Platform, 'window'>): Record<string, unknown> {
  const win = platform.window;
  const context: Record<string, unknown> = {};
  const locale = attempt(() => win?.navigator.language, undefined);
  if (locale) context.locale = locale;
  const userAgent = attempt(() => win?.navigator.userAgent, undefined);
  if (userAgent) context.userAgent = userAgent;
  const timezone = attempt(() => Intl.DateTimeFormat().resolvedOptions().timeZone, undefined);
  if (timezone) context.timezone = timezone;
  const screen = attempt(
    () =>
      win?.screen
        ? { width: win.screen.width, height: win.screen.height, density: win.devicePixelRatio }
        : undefined,
    undefined,
  );
  if (screen) context.screen = screen;
  return context;
}
