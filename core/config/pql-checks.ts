import { TALK_TO_SALES } from '../engine/pql/signal-event';
import type { Condition } from './conditions';
import type { CheckTools } from './nudge-checks';
import type { AhakitConfig } from './schema';

type Path = (string | number)[];

/**
 * PQL definitions: unique ids, milestones and signals that exist, texts in every
 * supported locale, rules the scope can read (an account has no user traits and no
 * user milestones), no device or viewport (the collector never knows them), and a
 * threshold the rules can reach.
 */
export function checkPql(config: AhakitConfig, tools: CheckTools): void {
  const { issue, known, text } = tools;
  const definitions = config.pql;
  tools.unique(
    definitions.map((d) => d.id),
    ['pql'],
    'PQL definition',
  );
  const signals = new Set([TALK_TO_SALES, ...(config.signals ?? []).map((s) => s.id)]);
  const scopes = new Map(config.milestones.map((m) => [m.id, m.scope]));

  definitions.forEach((d, i) => {
    const at = (...rest: Path): Path => ['pql', i, ...rest];
    const account = d.scope === 'account';
    text(d.title, at('title'));

    d.fit.forEach((rule, j) => {
      text(rule.label, at('fit', j, 'label'));
      if (account && 'trait' in rule)
        issue(
          at('fit', j, 'trait'),
          'an account-scope definition has no user traits; use accountTrait',
        );
    });
    d.value.forEach((rule, j) => {
      text(rule.label, at('value', j, 'label'));
      if ('milestone' in rule) {
        known(rule.milestone, at('value', j, 'milestone'));
        if (account && scopes.get(rule.milestone) === 'user')
          issue(
            at('value', j, 'milestone'),
            `"${rule.milestone}" is a user milestone; an account-scope definition reads account milestones only`,
          );
      }
      if ('activated' in rule && !config.activation)
        issue(at('value', j, 'activated'), 'the config defines no activation');
    });
    d.intent.forEach((rule, j) => {
      text(rule.label, at('intent', j, 'label'));
      if ('signal' in rule && !signals.has(rule.signal))
        issue(at('intent', j, 'signal'), `unknown signal "${rule.signal}"`);
    });
    d.required.forEach((c, j) => {
      tools.condition(c, at('required', j));
      walk(c, at('required', j), (leaf, path) => {
        if ('device' in leaf || 'viewport' in leaf)
          issue(
            path,
            'the collector does not know the device or viewport; PQL rules cannot use them',
          );
        if (account && 'trait' in leaf)
          issue(path, 'an account-scope definition has no user traits; use accountTrait');
        if (account && 'milestone' in leaf && scopes.get(leaf.milestone) === 'user')
          issue(
            [...path, 'milestone'],
            `"${leaf.milestone}" is a user milestone; an account-scope definition reads account milestones only`,
          );
      });
    });

    const reachable = [...d.fit, ...d.value, ...d.intent].reduce(
      (sum, rule) => sum + Math.max(0, rule.points),
      0,
    );
    if (d.threshold > reachable)
      issue(
        at('threshold'),
        `unreachable: the rules give at most ${reachable} point${reachable === 1 ? '' : 's'}`,
      );
  });
}

function walk(c: Condition, path: Path, visit: (leaf: Condition, path: Path) => void): void {
  if ('all' in c) c.all.forEach((x, i) => walk(x, [...path, 'all', i], visit));
  else if ('any' in c) c.any.forEach((x, i) => walk(x, [...path, 'any', i], visit));
  else if ('not' in c) walk(c.not, [...path, 'not'], visit);
  else visit(c, path);
}
