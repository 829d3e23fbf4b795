import type { Device } from '../../../core/config/conditions';

/**
 * The device type for `device` audiences, from User-Agent Client Hints or the UA string.
 *
 * @example
 * deviceOf(window); // 'desktop'
 */
export function deviceOf(win: Window): Device {
  const nav = win.navigator as Navigator & { userAgentData?: { mobile?: boolean } };
  const ua = nav.userAgent ?? '';
  if (/iPad|Tablet/i.test(ua) || (/Android/i.test(ua) && !/Mobile/i.test(ua))) return 'tablet';
  return nav.userAgentData?.mobile || /Mobi|iPhone/i.test(ua) ? 'mobile' : 'desktop';
}
