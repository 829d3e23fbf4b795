import { z } from 'zod';

/**
 * Whether a `url` action's target is an http(s) URL or a place in the app: a path
 * (`/settings`), a relative one (`settings`, `../up`, `?tab=2`) or a hash (`#/completed`,
 * for hash routers). Refused: other schemes (`javascript:`, `mailto:`) and `//host` or
 * backslashes, which browsers read as another site.
 */
function appUrl(url: string): boolean {
  if (/^https?:\/\/[^\s\\]+$/i.test(url)) return true;
  if (!url || /[\s\\]/.test(url) || url.startsWith('//')) return false;
  return !/^[a-z][a-z0-9+.-]*:/i.test(url);
}

/** Go somewhere: a place in the app (SPA- and hash-router-aware) or an http(s) URL. */
export const urlAction = z.strictObject({
  type: z.literal('url'),
  url: z
    .string()
    .refine(
      appUrl,
      'must be an http(s) URL or a place in the app: a path ("/settings"), a relative one ("settings", "?tab=2") or a hash ("#/completed")',
    )
    .describe(
      'Where to go: a path ("/settings"), a relative URL, a hash for hash routers ("#/completed") or an http(s) URL.',
    ),
  newTab: z.boolean().default(false),
});

/** Tell the host app: a DOM `CustomEvent` dispatched on `window`. */
export const eventAction = z.strictObject({
  type: z.literal('event'),
  event: z
    .string()
    .min(1)
    .max(200)
    .describe('A DOM CustomEvent dispatched on window, for the host app to handle.'),
  detail: z.record(z.string(), z.unknown()).optional(),
});
