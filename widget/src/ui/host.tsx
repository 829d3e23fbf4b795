/** @jsxImportSource ./jsx */
import { effect } from '../reactive';
import type { Warn } from '../warn';
import { render } from './jsx/jsx-runtime';

/**
 * An open shadow root on a `tag` element at the end of `<body>`: the page's CSS can't
 * reach in, the widget's can't leak out (the host resets what it inherits with
 * `all: initial`). `paint` renders what `view` returns in one signals effect: whatever
 * it reads re-renders the tree when it changes; a rendering bug empties the root (the next
 * change renders afresh) and is one warning, never an error in the host page. The trees
 * are small enough to re-render whole.
 */
export function createHost(doc: Document, tag: string, css: string, zIndex = 2147483000) {
  const host = doc.createElement(tag);
  host.style.cssText = `all:initial;position:fixed;top:0;left:0;width:0;height:0;z-index:${zIndex}`;
  const shadow = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = css;
  const container = doc.createElement('div');
  shadow.append(style, container);
  (doc.body ?? doc.documentElement).append(host);
  let stop = () => {};
  return {
    host,
    shadow,
    container,
    find: <E extends Element = HTMLElement>(selector: string) =>
      container.querySelector<E>(selector),
    paint(view: () => unknown, warn: Warn, what: string, after?: () => void) {
      let warned = false;
      stop = effect(() => {
        try {
          render(view(), container);
          after?.();
        } catch (error) {
          if (!warned) warn(`${what} failed`, error);
          warned = true;
          container.textContent = '';
        }
      });
    },
    remove() {
      stop();
      render(null, container);
      host.remove();
    },
  };
}
