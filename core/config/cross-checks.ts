import type { Condition } from './conditions';
import { type CheckTools, checkSignalsAndNudges } from './nudge-checks';
import { checkPql } from './pql-checks';
import type { AhakitConfig } from './schema';
import type { LocalizedText } from './text';
import { checkWebhooks } from './webhook-checks';

interface Ctx {
  addIssue(issue: { code: 'custom'; path: Path; message: string }): void;
}
type Path = (string | number)[];

/**
 * Checks that span the config: every id referred to exists (webhook filters included), ids are unique, `all`/`any`
 * milestones don't loop back to themselves, and every per-locale text gives every
 * supported locale. Each problem is reported at its own path.
 */
export function crossCheck(config: AhakitConfig, ctx: Ctx): void {
  const issue = (path: Path, message: string) => ctx.addIssue({ code: 'custom', path, message });
  const { locales } = config;

  if (!locales.supported.includes(locales.default)) {
    issue(['locales', 'default'], `"${locales.default}" is not in locales.supported`);
  }

  const milestones = new Map(config.milestones.map((m) => [m.id, m]));
  unique(
    config.milestones.map((m) => m.id),
    ['milestones'],
    'milestone',
    issue,
  );
  unique(
    config.checklists.map((c) => c.id),
    ['checklists'],
    'checklist',
    issue,
  );

  const known = (id: string, path: Path) => {
    if (!milestones.has(id)) issue(path, `unknown milestone "${id}"`);
  };

  config.milestones.forEach((m, i) => {
    if ('all' in m) m.all.forEach((id, j) => known(id, ['milestones', i, 'all', j]));
    if ('any' in m) m.any.forEach((id, j) => known(id, ['milestones', i, 'any', j]));
  });
  for (const cycle of findCycles(config)) {
    issue(
      ['milestones', cycle.index],
      `"${cycle.path[0]}" refers back to itself: ${cycle.path.join(' → ')}`,
    );
  }

  config.activation?.milestones.forEach((id, j) => known(id, ['activation', 'milestones', j]));

  config.checklists.forEach((list, i) => {
    unique(
      list.items.map((item) => item.id),
      ['checklists', i, 'items'],
      'item',
      issue,
    );
    list.items.forEach((item, j) =>
      known(item.milestone, ['checklists', i, 'items', j, 'milestone']),
    );
    if (list.audience) checkCondition(list.audience, ['checklists', i, 'audience'], known);
  });

  const text = (value: LocalizedText | undefined, path: Path) => {
    if (value === undefined || typeof value === 'string') return;
    for (const locale of locales.supported) {
      if (!(locale in value))
        issue(path, `missing the "${locale}" text (locales.supported lists it)`);
    }
    for (const locale of Object.keys(value)) {
      if (!locales.supported.includes(locale)) {
        issue([...path, locale], `"${locale}" is not in locales.supported`);
      }
    }
  };
  config.milestones.forEach((m, i) => text(m.title, ['milestones', i, 'title']));
  config.checklists.forEach((list, i) => {
    text(list.title, ['checklists', i, 'title']);
    text(list.description, ['checklists', i, 'description']);
    text(list.completeText, ['checklists', i, 'completeText']);
    list.items.forEach((item, j) => {
      text(item.title, ['checklists', i, 'items', j, 'title']);
      text(item.body, ['checklists', i, 'items', j, 'body']);
    });
  });

  const tools: CheckTools = {
    issue,
    known,
    text,
    condition: (c, path) => checkCondition(c, path, known),
    unique: (ids, path, what) => unique(ids, path, what, issue),
  };
  checkSignalsAndNudges(config, tools);
  checkPql(config, tools);
  checkWebhooks(config, tools);
}

function unique(ids: string[], path: Path, what: string, issue: (p: Path, m: string) => void) {
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (seen.has(id)) issue([...path, i, 'id'], `duplicate ${what} id "${id}"`);
    seen.add(id);
  });
}

function checkCondition(c: Condition, path: Path, known: (id: string, path: Path) => void): void {
  if ('milestone' in c) known(c.milestone, [...path, 'milestone']);
  else if ('all' in c) c.all.forEach((x, i) => checkCondition(x, [...path, 'all', i], known));
  else if ('any' in c) c.any.forEach((x, i) => checkCondition(x, [...path, 'any', i], known));
  else if ('not' in c) checkCondition(c.not, [...path, 'not'], known);
}

/** Each `all`/`any` loop once, reported at the first milestone of the config on it. */
function findCycles(config: AhakitConfig): { index: number; path: string[] }[] {
  const children = new Map<string, string[]>();
  for (const m of config.milestones) {
    children.set(m.id, 'all' in m ? m.all : 'any' in m ? m.any : []);
  }
  const index = new Map(config.milestones.map((m, i) => [m.id, i]));
  const state = new Map<string, 'visiting' | 'done'>();
  const cycles: { index: number; path: string[] }[] = [];
  const visit = (id: string, stack: string[]) => {
    if (state.get(id) === 'done' || !children.has(id)) return;
    if (state.get(id) === 'visiting') {
      const loop = [...stack.slice(stack.indexOf(id)), id];
      cycles.push({ index: index.get(id)!, path: loop });
      return;
    }
    state.set(id, 'visiting');
    for (const child of children.get(id)!) visit(child, [...stack, id]);
    state.set(id, 'done');
  };
  for (const m of config.milestones) visit(m.id, []);
  return cycles;
}
