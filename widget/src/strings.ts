import { pickLocale } from '../../core/engine';
import { WIDGET_STRINGS_EN, type WidgetStrings } from '../../core/i18n/widget-strings';

export type Strings = WidgetStrings;

// Only English ships in the bundle: the collector sends the config's other locales
// (`config.strings`), so every language costs the browser nothing until it is used.
const EN = WIDGET_STRINGS_EN;

/**
 * The widget's chrome strings in `locale`, from the collector's translations, English
 * where it has none.
 *
 * @example
 * stringsFor('pl-PL', config.strings).count; // '%n z %t'
 */
export function stringsFor(locale: string, table: Record<string, Partial<Strings>> = {}): Strings {
  const key = pickLocale(locale, Object.keys(table));
  return { ...EN, ...(key ? table[key] : undefined) };
}

/** "2 of 5" in the user's words. */
export const countText = (strings: Strings, done: number, total: number) =>
  strings.count.replace('%n', String(done)).replace('%t', String(total));
