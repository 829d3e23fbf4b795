/**
 * A tiny element builder: `h('button', { class: 'primary', onClick }, 'Send')`.
 * Text always goes in as text nodes, so what users type can never become markup.
 */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value == null || value === false || key === 'value') continue;
    if (key === 'class') element.className = value;
    else if (key === 'dataset') Object.assign(element.dataset, value);
    else if (key === 'style') Object.assign(element.style, value);
    else if (/^on[A-Z]/.test(key)) element.addEventListener(key.slice(2).toLowerCase(), value);
    else element.setAttribute(key, value === true ? '' : String(value));
  }
  append(element, children);
  // After the children, so a <select> already has the option to select.
  if (props?.value != null) element.value = props.value;
  return element;
}

export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child == null || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Replaces an element's content with new children. */
export function fill(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

/** Text for screen readers only. */
export function srOnly(...children) {
  return h('span', { class: 'visually-hidden' }, ...children);
}

let counter = 0;

/** A unique id for wiring labels, descriptions and controls together. */
export function uniqueId(prefix) {
  counter += 1;
  return `${prefix}-${counter}`;
}

/**
 * A part of the page that re-renders only when its key changes, so focus, scroll and open
 * menus survive unrelated store updates. Focus on an element with `data-focus-key` is
 * carried over to its replacement.
 */
export function region(element) {
  let lastKey;
  return (key, render) => {
    if (key === lastKey) return false;
    lastKey = key;
    const focused = element.contains(document.activeElement)
      ? document.activeElement.closest('[data-focus-key]')?.dataset.focusKey
      : null;
    element.replaceChildren();
    append(element, [render()]);
    if (focused) {
      element.querySelector(`[data-focus-key="${CSS.escape(focused)}"]`)?.focus();
    }
    return true;
  };
}
