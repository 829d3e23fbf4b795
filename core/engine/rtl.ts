const RTL = new Set(['ar', 'he', 'fa', 'ur']);

/**
 * Whether a locale is written right to left.
 *
 * @example
 * isRtl('ar-EG'); // true
 */
export const isRtl = (locale: string) => RTL.has(locale.split('-')[0]!);
