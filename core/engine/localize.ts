import type { LocalizedText } from '../config/text';

export { isRtl } from './rtl';

/** The config's `locales`: the fallback and the locales texts are written in. */
export interface Locales {
  readonly default: string;
  readonly supported: readonly string[];
}

/**
 * The text for a user's locale: the exact locale (`pt-BR`), then its language (`pt`),
 * then another variant of the language (`pt-PT`), then the default locale, then whatever
 * the text has. Locale tags match case-insensitively (`pt-br` finds `pt-BR`).
 *
 * @example
 * const locales = { default: 'en', supported: ['en', 'pt'] };
 * localize({ en: 'Invite a teammate', pt: 'Convide um colega' }, 'pt-BR', locales); // 'Convide um colega'
 * localize('Invite a teammate', 'pt-BR', locales); // 'Invite a teammate'
 */
export function localize(text: LocalizedText, locale: string, locales: Locales): string;
export function localize(
  text: LocalizedText | undefined,
  locale: string,
  locales: Locales,
): string | undefined;
export function localize(
  text: LocalizedText | undefined,
  locale: string,
  locales: Locales,
): string | undefined {
  return text === undefined || typeof text === 'string' ? text : pick(text, locale, locales);
}

/**
 * `localize` for parsed texts (`TextNode[]`): one for every locale, or one per locale.
 *
 * @example
 * localizeParsed({ en: parseText('**Hi**'), pl: parseText('**Cześć**') }, 'pl-PL', locales);
 */
export function localizeParsed<T>(
  text: readonly T[] | Readonly<Record<string, readonly T[]>> | undefined,
  locale: string,
  locales: Locales,
): readonly T[] | undefined {
  return text === undefined || Array.isArray(text)
    ? (text as readonly T[] | undefined)
    : pick(text as Readonly<Record<string, readonly T[]>>, locale, locales);
}

function pick<T>(texts: Readonly<Record<string, T>>, locale: string, locales: Locales) {
  const keys = Object.keys(texts);
  const key = pickLocale(locale, keys) ?? pickLocale(locales.default, keys);
  if (key !== undefined) return texts[key];
  for (const value of Object.values(texts)) return value;
  return undefined;
}

/**
 * Which of `available` serves a requested locale: the same tag, else the bare language,
 * else another variant of the language; undefined when none shares the language.
 *
 * @example
 * pickLocale('pt-BR', ['en', 'pt']); // 'pt'
 * pickLocale('de', ['en', 'pt']); // undefined
 */
export function pickLocale(requested: string, available: readonly string[]): string | undefined {
  const wanted = requested.toLowerCase();
  const language = wanted.split('-')[0]!;
  let sameLanguage: string | undefined;
  let variant: string | undefined;
  for (const tag of available) {
    const lower = tag.toLowerCase();
    if (lower === wanted) return tag;
    if (lower === language) sameLanguage ??= tag;
    else if (lower.split('-')[0] === language) variant ??= tag;
  }
  return sameLanguage ?? variant;
}
