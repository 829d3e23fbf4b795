import { type Properties, pathReader } from '../compare';

/**
 * Formatted text as data, never HTML: the widget turns each node into an element and
 * each `text` into a text node, so nothing in a config or a trait can become markup.
 */
export type Inline =
  | { type: 'text'; text: string }
  | { type: 'strong'; children: Inline[] }
  | { type: 'em'; children: Inline[] }
  | { type: 'link'; href: string; children: Inline[] };

/**
 * A parsed text, before its placeholders are filled: what the collector sends the widget
 * (`GET /v1/config` parses nudge texts once, so browsers only fill them in).
 */
export type TextNode =
  | { type: 'text'; text: string }
  | { type: 'var'; name: string; fallback: string }
  | { type: 'strong' | 'em'; children: TextNode[] }
  | { type: 'link'; href: string; children: TextNode[] };

/** What placeholders read: `{{user.…}}` the user's traits, `{{account.…}}` the account's. */
export interface TextVars {
  user?: Properties | undefined;
  account?: Properties | undefined;
}

const LINK = /^\[([^[\]]*)\]\(([^()\s]*)\)/;
const SAFE_URL = /^https?:\/\/./i;
const ESCAPABLE = '\\*[](){}';

/**
 * Parses the safe formatting subset of nudge texts: `**bold**`, `*italic*`,
 * `[text](https://…)` links (http and https only: any other link is reduced to its text)
 * and `{{user.firstName|there}}` placeholders (a user or account trait, else the default
 * after `|`, else nothing). A placeholder's value is always plain text: a trait holding
 * `**x**` or `<script>` shows exactly that. Unbalanced markers stay literal; `\` escapes
 * one of `\ * [ ] ( ) { }`. Link addresses are used as written, without placeholders.
 *
 * @example
 * renderText('Hi {{user.firstName|there}}, see **[plans](https://x.io/pricing)**', { user: { firstName: 'Ada' } });
 * // [{ type: 'text', text: 'Hi Ada, see ' },
 * //  { type: 'strong', children: [{ type: 'link', href: 'https://x.io/pricing', children: [{ type: 'text', text: 'plans' }] }] }]
 */
export function renderText(text: string, vars: TextVars = {}): Inline[] {
  return fillText(parseText(text), vars);
}

/** Parses `text` (see `renderText`), leaving its placeholders to `fillText`. */
export function parseText(text: string): TextNode[] {
  return parse(text, false);
}

/**
 * Fills a parsed text's placeholders from `vars`, as plain text. It trusts nothing about
 * `nodes` (they arrive over the network): anything not shaped like a `TextNode` is
 * skipped, and links whose address is not http(s) are reduced to their text.
 */
export function fillText(nodes: readonly TextNode[], vars: TextVars = {}): Inline[] {
  const out: Inline[] = [];
  const text = (value: unknown) => {
    if (typeof value !== 'string') return;
    const last = out[out.length - 1];
    if (last?.type === 'text') last.text += value;
    else if (value) out.push({ type: 'text', text: value });
  };
  for (const node of Array.isArray(nodes) ? nodes : []) {
    const type = node?.type;
    if (type === 'text') text(node.text);
    else if (type === 'var') {
      if (typeof node.name === 'string' && typeof node.fallback === 'string')
        text(placeholder(node, vars));
    } else if (type === 'strong' || type === 'em' || type === 'link') {
      const children = fillText(node.children, vars);
      if (type !== 'link') out.push({ type, children });
      else if (typeof node.href === 'string' && SAFE_URL.test(node.href))
        out.push({ type, href: node.href, children });
      else for (const child of children) child.type === 'text' ? text(child.text) : out.push(child);
    }
  }
  return out;
}

/**
 * The text of formatted nodes without their formatting, for an accessible name or a title.
 *
 * @example
 * plainText(renderText('**Upgrade** now')); // 'Upgrade now'
 */
export function plainText(nodes: readonly Inline[]): string {
  return nodes.map((n) => (n.type === 'text' ? n.text : plainText(n.children))).join('');
}

function parse(src: string, inLink: boolean): TextNode[] {
  const out: TextNode[] = [];
  let buffer = '';
  const text = (value: string) => {
    const last = out[out.length - 1];
    if (last?.type === 'text') last.text += value;
    else if (value) out.push({ type: 'text', text: value });
  };
  const flush = () => {
    text(buffer);
    buffer = '';
  };
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === '\\' && i + 1 < src.length && ESCAPABLE.includes(src[i + 1]!)) {
      buffer += src[i + 1];
      i += 2;
      continue;
    }
    if (c === '{' && src.startsWith('{{', i)) {
      const end = src.indexOf('}}', i + 2);
      if (end !== -1) {
        flush();
        out.push(variable(src.slice(i + 2, end)));
        i = end + 2;
        continue;
      }
    }
    if (c === '*') {
      const marker = src.startsWith('**', i) ? '**' : '*';
      const from = i + marker.length;
      const close = closing(src, from, marker);
      const inner = close === -1 ? '' : src.slice(from, close);
      if (inner && inner.trim() === inner) {
        flush();
        const type = marker === '**' ? 'strong' : 'em';
        out.push({ type, children: parse(inner, inLink) });
        i = close + marker.length;
      } else {
        buffer += marker;
        i = from;
      }
      continue;
    }
    const link = c === '[' && !inLink ? LINK.exec(src.slice(i)) : null;
    if (link) {
      flush();
      const [whole, label = '', href = ''] = link;
      const children = parse(label, true);
      if (SAFE_URL.test(href)) out.push({ type: 'link', href, children });
      else out.push(...children);
      i += whole.length;
      continue;
    }
    buffer += c;
    i += 1;
  }
  flush();
  return out;
}

/** Where `marker` closes: not escaped, and not part of a longer run of `*`. */
function closing(src: string, from: number, marker: string): number {
  for (let j = src.indexOf(marker, from); j !== -1; j = src.indexOf(marker, j + 1)) {
    const end = j + marker.length;
    if (src[end] === '*' || src[j - 1] === '\\') continue;
    if (marker === '*' && src[j - 1] === '*' && j - 1 >= from) continue;
    return j;
  }
  return -1;
}

/** `{{name|fallback}}`, spaces around either part ignored. */
function variable(inside: string): TextNode {
  const bar = inside.indexOf('|');
  return {
    type: 'var',
    name: (bar === -1 ? inside : inside.slice(0, bar)).trim(),
    fallback: bar === -1 ? '' : inside.slice(bar + 1).trim(),
  };
}

function placeholder(
  { name, fallback }: { name: string; fallback: string },
  vars: TextVars,
): string {
  const dot = name.indexOf('.');
  const scope = name.slice(0, dot);
  const source = scope === 'user' ? vars.user : scope === 'account' ? vars.account : undefined;
  const value = dot > 0 ? pathReader(name.slice(dot + 1))(source) : undefined;
  if (typeof value === 'string') return value.trim() ? value : fallback;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : fallback;
  if (typeof value === 'boolean') return String(value);
  return fallback;
}
