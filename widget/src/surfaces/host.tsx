import { Component, type ComponentChildren, render } from 'preact';
import type { Warn } from '../warn';

/** The host element's own styles: each set alone, since a strict CSP blocks `style.cssText`. */
const HOST_STYLE: Record<string, string> = {
  all: 'initial',
  position: 'fixed',
  top: '0',
  left: '0',
  width: '0',
  height: '0',
};

/**
 * The page's CSP may refuse `<style>` elements (`style-src` without 'unsafe-inline');
 * a constructed stylesheet is not an inline style, so it is used wherever it exists.
 */
function adoptCss(doc: Document, shadow: ShadowRoot, css: string) {
  const win = doc.defaultView as (Window & typeof globalThis) | null;
  try {
    if (win?.CSSStyleSheet && 'adoptedStyleSheets' in shadow) {
      const sheet = new win.CSSStyleSheet();
      sheet.replaceSync(css);
      shadow.adoptedStyleSheets = [sheet];
      return;
    }
  } catch {
    // An older engine without constructable stylesheets: a <style> element below.
  }
  const style = doc.createElement('style');
  style.textContent = css;
  shadow.append(style);
}

interface GuardProps {
  warn: Warn;
  what: string;
  children?: ComponentChildren;
}

/**
 * A rendering bug in a surface is one warning and an empty surface, never an error in
 * the host page (Preact renders signal updates from a microtask, where a throw would
 * reach `window.onerror`).
 */
class Guard extends Component<GuardProps, { failed: boolean }> {
  private warned = false;
  static override getDerivedStateFromError() {
    return { failed: true };
  }
  override componentDidCatch(error: unknown) {
    // Several components may fail in one render: one warning.
    if (!this.warned) this.props.warn(`${this.props.what} failed`, error);
    this.warned = true;
  }
  override render() {
    return this.state.failed ? null : this.props.children;
  }
}

/**
 * An open shadow root on a `tag` element at the end of `<body>`: the page's CSS can't
 * reach in, the widget's can't leak out (the host resets what it inherits with
 * `all: initial`). `show` renders a Preact tree into it under an error boundary.
 *
 * @example
 * const ui = createHost(document, 'ahakit-widget', CSS, 2147483000);
 * ui.show(<App model={model} />, warn, 'the checklist');
 */
export function createHost(doc: Document, tag: string, css: string, zIndex = 2147483000) {
  const host = doc.createElement(tag);
  for (const [name, value] of Object.entries(HOST_STYLE)) host.style.setProperty(name, value);
  host.style.setProperty('z-index', String(zIndex));
  const shadow = host.attachShadow({ mode: 'open' });
  adoptCss(doc, shadow, css);
  const container = doc.createElement('div');
  shadow.append(container);
  (doc.body ?? doc.documentElement).append(host);
  let renders = 0;
  return {
    host,
    shadow,
    container,
    find: <E extends Element = HTMLElement>(selector: string) =>
      container.querySelector<E>(selector),
    /** Renders `tree` afresh (a new error boundary, so a surface that failed can recover). */
    show(tree: ComponentChildren, warn: Warn, what: string) {
      render(
        <Guard key={renders++} warn={warn} what={what}>
          {tree}
        </Guard>,
        container,
      );
    },
    remove() {
      render(null, container);
      host.remove();
    },
  };
}

export type Host = ReturnType<typeof createHost>;
