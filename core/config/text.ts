import { z } from 'zod';

/** A locale tag like `en`, `pl`, `zh-CN` or `ar`. */
export const localeTag = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a locale tag like "en", "pt-BR" or "zh-CN"');

/**
 * A user-visible string: one text for every locale, or one per locale. A per-locale text
 * must give every locale in `locales.supported` (checked across the config); the
 * default locale is the fallback for users whose language is not supported.
 */
export const localizedText = z
  .union([z.string().min(1).max(500), z.record(localeTag, z.string().min(1).max(500))])
  .describe('Text shown to users: a string, or an object with one string per supported locale.');

export type LocalizedText = z.output<typeof localizedText>;

export const localesSchema = z
  .strictObject({
    default: localeTag.default('en').describe('The fallback locale.'),
    supported: z
      .array(localeTag)
      .min(1)
      .default(['en'])
      .describe(
        'Locales the texts are written in. Right-to-left ones (ar, he, fa, ur) are mirrored.',
      ),
  })
  .describe('Languages of the user-visible texts.');
