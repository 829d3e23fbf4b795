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

/** A per-locale text cut down to `keep`'s locales; one text for every locale stays as it is. */
function onlyLocales<T>(text: T, keep: readonly string[]): T {
  if (typeof text !== 'object' || text === null || Array.isArray(text)) return text;
  const record = text as Record<string, unknown>;
  return Object.fromEntries(keep.filter((l) => l in record).map((l) => [l, record[l]])) as T;
}

/**
 * What one browser needs of the public config: every text in `locale` (a supported one)
 * and in the default locale, its fallback, and the widget's words in `locale` alone.
 * The demo's six languages cost a user one.
 *
 * @example
 * configForLocale(publicConfig(config), 'pl').checklists[0].title; // { pl: '…', en: '…' }
 */
export function configForLocale(
  served: PublicConfig,
  locale: string,
): PublicConfig & { locale: string } {
  const keep = [...new Set([locale, served.locales.default])];
  const text = <T>(value: T) => onlyLocales(value, keep);
  const defined = <T extends object>(value: T) =>
    Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
  return {
    ...served,
    locale,
    milestones: served.milestones.map((m) => defined({ ...m, title: text(m.title) })),
    checklists: served.checklists.map((list) =>
      defined({
        ...list,
        title: text(list.title),
        description: text(list.description),
        completeText: text(list.completeText),
        items: list.items.map((item) =>
          defined({ ...item, title: text(item.title), body: text(item.body) }),
        ),
      }),
    ),
    ...(served.nudges && {
      nudges: served.nudges.map(
        (nudge) =>
          ({
            ...nudge,
            content: defined({ title: text(nudge.content.title), body: text(nudge.content.body) }),
            ...(nudge.cta && { cta: { ...nudge.cta, label: text(nudge.cta.label) } }),
          }) as PublicNudge,
      ),
    }),
    strings: served.strings[locale] ? { [locale]: served.strings[locale] } : {},
  };
}
