import { z } from 'zod';

/** Go somewhere: a path in the app (SPA-aware) or an http(s) URL. */
export const urlAction = z.strictObject({
  type: z.literal('url'),
  url: z
    .string()
    .regex(/^(\/(?!\/)|https?:\/\/)/, 'must be a path in the app ("/settings") or an http(s) URL')
    .describe('Where to go.'),
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
