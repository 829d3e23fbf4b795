/**
 * The first element matching `selector` in `root` or, failing that, inside any open
 * shadow root in it (web components hide their buttons there). Throws on an invalid
 * selector, like `querySelector`.
 *
 * @example
 * findElement(document, '[data-ahakit="invite"]');
 */
export function findElement(root: Document | ShadowRoot, selector: string): Element | null {
  const found = root.querySelector(selector);
  if (found) return found;
  for (const element of root.querySelectorAll('*')) {
    const inner = element.shadowRoot && findElement(element.shadowRoot, selector);
    if (inner) return inner;
  }
  return null;
}
