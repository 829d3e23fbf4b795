import { pickLocale } from '../engine/localize';
import { parseText, type TextNode } from '../engine/nudges/render-text';
import { WIDGET_STRINGS, type WidgetStrings } from '../i18n/widget-strings';
import type { Nudge } from './nudges';
import type { AhakitConfig } from './schema';
import type { LocalizedText } from './text';

/** A nudge text as served: parsed, one for every locale or one per locale. */
export type ParsedText = TextNode[] | Record<string, TextNode[]>;

/** A nudge as served: its texts parsed (`parseText`), so the widget only fills them in. */
export type PublicNudge = Nudge extends infer N
  ? N extends Nudge
    ? Omit<N, 'content' | 'cta'> & {
        content: { title: ParsedText; body?: ParsedText };
        cta?: Omit<NonNullable<N['cta']>, 'label'> & { label: ParsedText };
      }
    : never
  : never;

/** The config as the collector serves it to the widget (`GET /v1/config`). */
export type PublicConfig = Omit<
  AhakitConfig,
  'collector' | '$schema' | 'webhooks' | 'pql' | 'conversion' | 'nudges'
> & {
  nudges?: PublicNudge[] | undefined;
  /** The widget's own words for each supported locale that has them. */
  strings: Record<string, WidgetStrings>;
};

const parsed = (text: LocalizedText): ParsedText =>
  typeof text === 'string'
    ? parseText(text)
    : Object.fromEntries(Object.entries(text).map(([locale, each]) => [locale, parseText(each)]));

/** A nudge with its texts parsed. */
export function publicNudge(nudge: Nudge): PublicNudge {
  const { content, cta } = nudge;
  return {
    ...nudge,
    content: {
      title: parsed(content.title),
      ...(content.body !== undefined && { body: parsed(content.body) }),
    },
    ...(cta && { cta: { ...cta, label: parsed(cta.label) } }),
  } as PublicNudge;
}

/**
 * What the browser gets of the config: server-only settings removed, nudge texts parsed,
 * and the widget's chrome strings added for the locales the config supports (the bundle
 * ships English).
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
    nudges,
    ...rest
  } = config;
  const strings: Record<string, WidgetStrings> = {};
  for (const locale of config.locales.supported) {
    const key = pickLocale(locale, Object.keys(WIDGET_STRINGS));
    if (key && key !== 'en') strings[locale] = WIDGET_STRINGS[key]!;
  }
  return {
    ...rest,
    ...(nudges && { nudges: nudges.map(publicNudge) }),
    strings,
  };
}
