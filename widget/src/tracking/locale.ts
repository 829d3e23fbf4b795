import type { Traits } from './identity';

/**
 * The language the user wants: their trait `locale`, else the browser's. The collector
 * and the engine pick the best supported match.
 *
 * @example
 * wantedLocale({ locale: 'pl' }, window); // 'pl'
 */
export const wantedLocale = (traits: Traits, win: Window | undefined) =>
  String(traits.locale ?? win?.navigator?.language ?? '');
