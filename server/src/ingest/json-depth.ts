/**
 * The path to the first value nested deeper than `maxDepth` objects and arrays, or null.
 * Deep nesting is refused before anything recurses over the message: `JSON.stringify`
 * overflows the stack near 5,000 levels and SQLite's JSON functions refuse 1,000.
 *
 * @example tooDeepAt({ a: { b: [1] } }, 2) // ['a', 'b']
 */
export function tooDeepAt(value: unknown, maxDepth: number): (string | number)[] | null {
  // Iterative, so a hostile depth cannot overflow this check either.
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: node, path } = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (path.length >= maxDepth) return path;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) stack.push({ value: node[i], path: [...path, i] });
    } else {
      for (const key of Object.keys(node)) {
        stack.push({ value: (node as Record<string, unknown>)[key], path: [...path, key] });
      }
    }
  }
  return null;
}
