import { z } from 'zod';

/**
 * A page path pattern, the one syntax of page signals and page triggers:
 * - exact: `"/pricing"` (a trailing slash and any `?query` or `#hash` of the page are ignored);
 * - glob: `*` is one path segment, `**` any number of them: `"/teams/*"`, `"/docs/**"`;
 * - regular expression: between slashes and anchored with `^`: `"/^\\/blog\\/\\d+$/"`;
 * - hash route: any of these containing `#` matches the path plus the hash, for apps whose
 *   router lives in the hash: `"/#/completed"`, `"/#/projects/*"`.
 * Matching is case-sensitive, like URL paths.
 */
export const pathPattern = z
  .string()
  .min(1)
  .max(500)
  .refine((p) => p.startsWith('/'), 'must start with "/" (a path like "/pricing")')
  .refine(validRegex, 'not a valid regular expression')
  .describe(
    'A page path: exact ("/pricing"), a glob ("/app/*/settings", "/docs/**": * is one segment, ** any number) or a regular expression between slashes starting with ^ ("/^\\/blog\\/\\d+$/"). With a "#" it is a hash route, matched against the path and the hash ("/#/completed").',
  );

/** Whether a pattern is written as a regular expression: `/^…/`. */
export const isRegexPattern = (pattern: string) =>
  pattern.length > 3 && pattern.startsWith('/^') && pattern.endsWith('/');

function validRegex(pattern: string): boolean {
  if (!isRegexPattern(pattern)) return true;
  try {
    new RegExp(pattern.slice(1, -1));
    return true;
  } catch {
    return false;
  }
}
