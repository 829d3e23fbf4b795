import { TALK_TO_SALES } from '../engine/pql/signal-event';
import type { Condition } from './conditions';
import type { AhakitConfig } from './schema';
import type { LocalizedText } from './text';

type Path = (string | number)[];

/** What `crossCheck` lends the signal and nudge checks, so messages read the same. */
export interface CheckTools {
  issue(path: Path, message: string): void;
  /** Reports an unknown milestone id at `path`. */
  known(id: string, path: Path): void;
  /** Reports a per-locale text that misses a supported locale. */
  text(value: LocalizedText | undefined, path: Path): void;
  /** Reports unknown milestones inside an audience. */
  condition(c: Condition, path: Path): void;
  unique(ids: string[], path: Path, what: string): void;
}

const LINK = /\]\(([^)]*)\)/g;
const PLACEHOLDER = /\{\{([^}]*)\}\}/g;
const SAFE_URL = /^https?:\/\//i;
const PLACEHOLDER_NAME = /^(user|account)\.[^\s|]+$/;

/**
 * Signals and nudges: unique ids, triggers that name a real signal or milestone (and a
 * threshold the signal has), audiences, thresholds in increasing order, every text in
 * every supported locale, and bodies whose links go only to http(s) URLs.
 */
export function checkSignalsAndNudges(config: AhakitConfig, tools: CheckTools): void {
  const { issue, known, text } = tools;
  const signals = config.signals ?? [];
  const nudges = config.nudges ?? [];
  tools.unique(
    signals.map((s) => s.id),
    ['signals'],
    'signal',
  );
  tools.unique(
    nudges.map((n) => n.id),
    ['nudges'],
    'nudge',
  );
  const byId = new Map<string, (typeof signals)[number]>();
  for (const s of signals) if (!byId.has(s.id)) byId.set(s.id, s);

  signals.forEach((s, i) => {
    text(s.title, ['signals', i, 'title']);
    if (s.type !== 'usage') return;
    s.thresholds.forEach((t, j) => {
      const before = s.thresholds[j - 1];
      if (before !== undefined && t <= before)
        issue(
          ['signals', i, 'thresholds', j],
          `thresholds must increase without repeats: ${t} comes after ${before}`,
        );
    });
  });

  nudges.forEach((n, i) => {
    const at = (...rest: Path): Path => ['nudges', i, ...rest];
    const { trigger } = n;
    if ('signal' in trigger) {
      const signal = byId.get(trigger.signal);
      if (!signal) {
        if (trigger.signal !== TALK_TO_SALES)
          issue(at('trigger', 'signal'), `unknown signal "${trigger.signal}"`);
      } else if (trigger.threshold !== undefined) {
        if (signal.type !== 'usage')
          issue(at('trigger', 'threshold'), `"${signal.id}" is not a usage signal`);
        else if (!signal.thresholds.includes(trigger.threshold))
          issue(
            at('trigger', 'threshold'),
            `${trigger.threshold} is not one of "${signal.id}"’s thresholds (${signal.thresholds.join(', ')})`,
          );
      }
    }
    if ('milestone' in trigger) known(trigger.milestone, at('trigger', 'milestone'));
    if (n.audience) tools.condition(n.audience, at('audience'));

    text(n.content.title, at('content', 'title'));
    text(n.content.body, at('content', 'body'));
    text(n.cta?.label, at('cta', 'label'));
    for (const [path, value] of texts(n.content.body, at('content', 'body'))) {
      checkMarkup(value, path, issue);
    }
    for (const [path, value] of texts(n.content.title, at('content', 'title'))) {
      checkMarkup(value, path, issue);
    }
  });
}

function texts(value: LocalizedText | undefined, path: Path): [Path, string][] {
  if (value === undefined) return [];
  if (typeof value === 'string') return [[path, value]];
  return Object.entries(value).map(([locale, v]) => [[...path, locale], v]);
}

function checkMarkup(value: string, path: Path, issue: (p: Path, m: string) => void) {
  for (const [, url = ''] of value.matchAll(LINK)) {
    if (SAFE_URL.test(url.trim())) continue;
    const scheme = /^\s*([a-z][a-z0-9+.-]*:)/i.exec(url)?.[1];
    issue(path, `links may only go to http(s) URLs, not "${scheme ?? url}"`);
  }
  for (const [, inside = ''] of value.matchAll(PLACEHOLDER)) {
    const name = inside.split('|')[0]!.trim();
    if (!PLACEHOLDER_NAME.test(name))
      issue(
        path,
        `placeholder "{{${inside}}}" must name a user. or account. trait, like {{user.firstName|there}}`,
      );
  }
}
