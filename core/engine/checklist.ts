import type { ChecklistAction } from '../config/checklists';
import type { Rules } from './compile';
import { type ConditionContext, evaluateCondition } from './conditions';
import { localize } from './localize';
import { reachedAt } from './reached';

export interface ChecklistItemView {
  id: string;
  title: string;
  body: string | null;
  action: ChecklistAction | null;
  done: boolean;
  doneAt: number | null;
  /** Not done, the checklist is sequential, and an earlier item is not done yet. */
  locked: boolean;
}

export interface ChecklistView {
  id: string;
  title: string;
  description: string | null;
  completeText: string | null;
  order: 'any' | 'sequential';
  dismissible: boolean;
  items: ChecklistItemView[];
  doneCount: number;
  total: number;
  complete: boolean;
  /** When the last item was done, once every item is. */
  completedAt: number | null;
}

/** Who is looking: their traits and states (the rules are passed separately). */
export type ViewContext = Omit<ConditionContext, 'rules'>;

/**
 * The checklists a user should see, in config order, with texts in their locale and each
 * item done (its milestone reached, in the milestone's scope) or not. Checklists whose
 * audience doesn't match the user are left out.
 *
 * @example
 * const [list] = checklistView(rules, { traits, user, account }, navigator.language);
 * list.items.map((i) => `${i.done ? '✓' : i.locked ? '🔒' : '○'} ${i.title}`);
 */
export function checklistView(rules: Rules, ctx: ViewContext, locale: string): ChecklistView[] {
  const { locales } = rules;
  const text = (value: Parameters<typeof localize>[0]) => localize(value, locale, locales) ?? null;
  const views: ChecklistView[] = [];
  for (const checklist of rules.checklists) {
    if (checklist.audience && !evaluateCondition(checklist.audience, { ...ctx, rules })) continue;
    const sequential = checklist.order === 'sequential';
    let blocked = false;
    let doneCount = 0;
    let lastDone = Number.NEGATIVE_INFINITY;
    const items = checklist.items.map((item): ChecklistItemView => {
      const doneAt = reachedAt(rules, ctx, item.milestone) ?? null;
      const done = doneAt !== null;
      const locked = sequential && !done && blocked;
      if (done) {
        doneCount++;
        if (doneAt > lastDone) lastDone = doneAt;
      } else {
        blocked = true;
      }
      return {
        id: item.id,
        title: localize(item.title, locale, locales),
        body: text(item.body),
        action: item.action ?? null,
        done,
        doneAt,
        locked,
      };
    });
    const complete = doneCount === items.length;
    views.push({
      id: checklist.id,
      title: localize(checklist.title, locale, locales),
      description: text(checklist.description),
      completeText: text(checklist.completeText),
      order: checklist.order,
      dismissible: checklist.dismissible,
      items,
      doneCount,
      total: items.length,
      complete,
      completedAt: complete ? lastDone : null,
    });
  }
  return views;
}
