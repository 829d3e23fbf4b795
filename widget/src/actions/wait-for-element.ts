import { findElement } from './find-element';

/**
 * Resolves with the first element matching `selector` (in open shadow roots too), as
 * soon as it is in the page: at once, or when a `MutationObserver` sees it added; with
 * null after `timeoutMs`, or at once for an invalid selector (`onInvalid` is told).
 * Frameworks render late; this waits without polling.
 *
 * @example
 * const button = await waitForElement(document, '#export', 10_000);
 */
export function waitForElement(
  doc: Document,
  selector: string,
  timeoutMs: number,
  onInvalid: () => void = () => {},
): Promise<Element | null> {
  return new Promise((resolve) => {
    let invalid = false;
    const find = () => {
      try {
        return findElement(doc, selector);
      } catch {
        invalid = true;
        return null;
      }
    };
    const now = find();
    const win = doc.defaultView;
    if (invalid) onInvalid();
    // Nothing to wait for: found, never findable, or no way to watch.
    if (now || invalid || !win?.MutationObserver) return resolve(now);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const done = (element: Element | null) => {
      observer.disconnect();
      clearTimeout(timer);
      resolve(element);
    };
    const observer = new win.MutationObserver((records) => {
      for (const record of records) record.addedNodes.forEach(watchShadows);
      const found = find();
      if (found) done(found);
    });
    // A document's observer does not see inside shadow roots, where web components render
    // their buttons: each open one is observed too, those added later included.
    const watchShadows = (node: Node) => {
      const root = node as Element | ShadowRoot;
      if (typeof root.querySelectorAll !== 'function') return;
      for (const element of [root, ...root.querySelectorAll('*')]) {
        const shadow = (element as Element).shadowRoot;
        if (shadow) {
          observer.observe(shadow, { childList: true, subtree: true });
          watchShadows(shadow);
        }
      }
    };
    observer.observe(doc.documentElement, { childList: true, subtree: true });
    watchShadows(doc.documentElement);
    timer = setTimeout(() => done(find()), timeoutMs);
  });
}
