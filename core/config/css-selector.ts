import { parse, SelectorType } from 'css-what';
import { z } from 'zod';

const COMBINATORS = new Set<string>([
  SelectorType.Adjacent,
  SelectorType.Child,
  SelectorType.Descendant,
  SelectorType.Parent,
  SelectorType.Sibling,
  SelectorType.ColumnCombinator,
]);

/**
 * Why a CSS selector is not valid, or null when it is. Checked with css-what (the parser
 * behind cheerio's css-select), since the collector has no DOM to ask; a selector that
 * ends in a combinator (`nav >`) is refused too.
 *
 * @example selectorProblem('[data-paid=huddles') // "Attribute selector didn't terminate"
 */
export function selectorProblem(selector: string): string | null {
  try {
    for (const tokens of parse(selector)) {
      const last = tokens[tokens.length - 1];
      if (!last || COMBINATORS.has(last.type)) return 'ends without the element it points to';
    }
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/** A CSS selector, checked for syntax when the config is validated. */
export const cssSelector = z
  .string()
  .min(1)
  .superRefine((value, ctx) => {
    const problem = selectorProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: `not a valid CSS selector: ${problem}` });
  });
