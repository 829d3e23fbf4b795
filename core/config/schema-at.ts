/**
 * Reading the published JSON Schema at a place in a config, to say what is allowed there:
 * the keys an object may have, the values a discriminator may take. The schema is the one
 * generated from the zod schema, so it is never out of step with it.
 */

type Node = Record<string, unknown>;

/** Every schema node that may describe the value at `path` (union branches flattened). */
export function nodesAt(root: Node, path: readonly PropertyKey[]): Node[] {
  let nodes = expand(root, root);
  for (const key of path) {
    const next: Node[] = [];
    for (const node of nodes) {
      if (typeof key === 'number') {
        const items = node.items;
        if (isNode(items)) next.push(...expand(root, items));
      } else {
        const properties = node.properties;
        const child = isNode(properties) ? properties[String(key)] : undefined;
        if (isNode(child)) next.push(...expand(root, child));
        else if (isNode(node.additionalProperties))
          next.push(...expand(root, node.additionalProperties));
      }
    }
    nodes = next;
  }
  return nodes;
}

/** The keys an object at `path` may have, over every shape it may take. */
export function keysAt(root: Node, path: readonly PropertyKey[]): string[] {
  const keys = new Set<string>();
  for (const node of nodesAt(root, path)) {
    if (isNode(node.properties)) for (const k of Object.keys(node.properties)) keys.add(k);
  }
  return [...keys];
}

/** The values allowed at `path`: the constants and enums of every shape it may take. */
export function valuesAt(root: Node, path: readonly PropertyKey[]): unknown[] {
  const values: unknown[] = [];
  for (const node of nodesAt(root, path)) {
    if ('const' in node) values.push(node.const);
    if (Array.isArray(node.enum)) values.push(...node.enum);
  }
  return [...new Set(values)];
}

/** The keys required at `path` by every shape it may take. */
export function requiredAt(root: Node, path: readonly PropertyKey[]): string[] {
  const nodes = nodesAt(root, path).filter((n) => isNode(n.properties));
  if (nodes.length === 0) return [];
  const sets = nodes.map((n) => new Set(Array.isArray(n.required) ? (n.required as string[]) : []));
  return [...sets[0]!].filter((k) => sets.every((s) => s.has(k)));
}

function expand(root: Node, node: Node, depth = 0): Node[] {
  if (depth > 20) return [];
  if (typeof node.$ref === 'string') {
    const target = resolveRef(root, node.$ref);
    return target ? expand(root, target, depth + 1) : [];
  }
  const branches = [node.anyOf, node.oneOf, node.allOf].find(Array.isArray) as Node[] | undefined;
  if (branches) return branches.filter(isNode).flatMap((b) => expand(root, b, depth + 1));
  return [node];
}

function resolveRef(root: Node, ref: string): Node | undefined {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = root;
  for (const part of ref.slice(2).split('/')) {
    if (!isNode(node)) return undefined;
    node = node[part.replaceAll('~1', '/').replaceAll('~0', '~')];
  }
  return isNode(node) ? node : undefined;
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
