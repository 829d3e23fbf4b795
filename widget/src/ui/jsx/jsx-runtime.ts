/**
 * The widget's JSX: elements as plain objects, and `render`, which brings a container's
 * DOM in line with them. Files opt in with `/** @jsxImportSource ./jsx *\/`.
 *
 * The widget's views are pure functions of its state with no component state, hooks or
 * refs, and they re-render whole (see `createHost`), so this is all they need from a
 * virtual DOM: children are matched by position, an element of the same tag is kept and
 * patched (focus, selection and running animations survive), anything else is replaced;
 * an empty slot (`{cond && <x/>}`) keeps its place as an empty text node, so its siblings
 * keep theirs. Strings always become text nodes and only elements made by `jsx()` become
 * elements (an object that merely looks like one, from JSON, is rendered as nothing):
 * there is no way to write HTML, which keeps what config and user traits say from ever
 * becoming markup. Type checking uses Preact's JSX types, which describe the same
 * attributes.
 */
import type { JSX } from 'preact/jsx-runtime';

export type { JSX };

type Props = Record<string, unknown> & { children?: unknown };

export interface Element {
  type: string | ((props: Props) => unknown);
  props: Props;
}

/** Elements made here: JSON can't forge one. */
const made = new WeakSet<object>();

/** `<>…</>`: its children, in place. */
export const Fragment = (props: Props) => props.children;

export const jsx = (type: Element['type'], props: Props): Element => {
  const element = { type, props };
  made.add(element);
  return element;
};
export { jsx as jsxs, jsx as jsxDEV };

type Resolved = string | (Element & { type: string });

/** Components called, fragments and arrays flattened, empty values dropped. */
function resolve(child: unknown, out: Resolved[] = []): Resolved[] {
  if (Array.isArray(child)) {
    for (const each of child) resolve(each, out);
  } else if (child != null && typeof child === 'object') {
    const { type, props } = child as Element;
    if (!made.has(child)) out.push('');
    else if (typeof type === 'function') resolve(type(props), out);
    else out.push(child as Resolved);
  } else {
    out.push(child == null || typeof child === 'boolean' ? '' : String(child));
  }
  return out;
}

interface Patched extends HTMLElement {
  /** The props last applied. */
  _p?: Props;
  /** The current handler of each event. */
  _h?: Record<string, ((event: Event) => void) | undefined>;
}

function setProp(element: Patched, name: string, value: unknown) {
  if (name === 'style') {
    // One property at a time: a value can't smuggle in another declaration.
    const { style } = element;
    style.cssText = '';
    for (const [key, each] of Object.entries(value ?? {})) {
      const property = key[0] === '-' ? key : key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
      style.setProperty(property, `${each}`);
    }
  } else if (name[0] === 'o' && name[1] === 'n') {
    const type = name.slice(2).toLowerCase();
    const handlers = element._h ?? {};
    element._h = handlers;
    if (!(type in handlers)) element.addEventListener(type, (event) => element._h?.[type]?.(event));
    handlers[type] = value as (event: Event) => void;
  } else if (value == null || (value === false && !name.startsWith('aria-'))) {
    element.removeAttribute(name);
  } else {
    element.setAttribute(name, value === true && !name.startsWith('aria-') ? '' : `${value}`);
  }
}

function patch(parent: Node, children: Resolved[]) {
  const doc = parent.ownerDocument ?? (parent as Document);
  const nodes = parent.childNodes;
  children.forEach((child, i) => {
    const node = nodes[i] ?? null;
    if (typeof child === 'string') {
      if (node?.nodeType === 3) {
        if ((node as Text).data !== child) (node as Text).data = child;
      } else {
        parent.insertBefore(doc.createTextNode(child), node);
        node?.remove();
      }
      return;
    }
    let element = node as Patched | null;
    if (element?.localName !== child.type) {
      element = doc.createElement(child.type);
      parent.insertBefore(element, node);
      node?.remove();
    }
    const before = element._p ?? {};
    const after = child.props;
    for (const name in before) {
      if (name !== 'children' && name !== 'key' && !(name in after))
        setProp(element, name, undefined);
    }
    for (const name in after) {
      if (name !== 'children' && name !== 'key' && after[name] !== before[name])
        setProp(element, name, after[name]);
    }
    element._p = after;
    patch(element, resolve(after.children));
  });
  while (nodes.length > children.length) parent.lastChild!.remove();
}

/** Makes `container`'s children what `view` describes (nothing for null). */
export function render(view: unknown, container: Node) {
  patch(container, resolve(view));
}
