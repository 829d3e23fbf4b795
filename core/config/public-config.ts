import { pickLocale } from '../engine/localize';
import { WIDGET_STRINGS, type WidgetStrings } from '../i18n/widget-strings';
import type { AhakitConfig } from './schema';

/** The config as the collector serves it to the widget (`GET /v1/config`). */
export type PublicConfig = Omit<
  AhakitConfig,
  'collector' | '$schema' | 'webhooks' | 'pql' | 'conversion'
> & {
  /** The widget's own words for each supported locale that has them. */
  strings: Record<string, WidgetStrings>;
};

/**
 * What the browser gets of the config: server-only settings removed, and the widget's
 * chrome strings added for the locales the config supports (the bundle ships English).
 */
export function publicConfig(config: AhakitConfig): PublicConfig {
  // Webhooks hold signing secrets and private URLs, PQL definitions are sales' scoring
  // logic, the conversion goal is only measured by the collector: none leaves the server.
  const {
    collector: _serverOnly,
    webhooks: _secret,
    pql: _scoring,
    conversion: _measuredOnly,
    $schema: _editorOnly,
    ...rest
  } = config;
  const strings: Record<string, WidgetStrings> = {};
  for (const locale of config.locales.supported) {
    const key = pickLocale(locale, Object.keys(WIDGET_STRINGS));
    if (key && key !== 'en') strings[locale] = WIDGET_STRINGS[key]!;
  }
  return { ...rest, strings };
}
