import { effect, signal } from '@preact/signals-core';
import { render } from 'preact';
import type { AhakitConfig } from '../../../core/config/schema';
import type { Onboarding } from '../onboarding/model';
import type { Warn } from '../warn';
import { App } from './App';
import { CSS } from './styles';
import type { View } from './view';

const RING_MS = 3_000;

/**
 * Shows the onboarding UI in an open shadow root on an `<ahakit-widget>` element at the
 * end of `<body>`: the page's CSS can't reach in, the widget's can't leak out (the host
 * resets what it inherits with `all: initial`). Returns the function that removes it.
 *
 * Rendering is one signals effect around Preact's `render`: whatever a component reads
 * re-renders the tree when it changes. That, instead of @preact/signals' component
 * integration and hooks, saves ~3.5 KB gzip; the tree is small enough to re-render whole.
 */
export function mountUi(
  doc: Document,
  model: Onboarding,
  theme: Partial<AhakitConfig['theme']> | undefined,
  warn: Warn,
) {
  const host = doc.createElement('ahakit-widget');
  host.style.cssText = `all:initial;position:fixed;top:0;left:0;width:0;height:0;z-index:${theme?.zIndex ?? 2147483000}`;
  const shadow = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = CSS;
  const container = doc.createElement('div');
  shadow.append(style, container);
  (doc.body ?? doc.documentElement).append(host);

  const find = (selector: string) => container.querySelector<HTMLElement>(selector);
  const ring = signal<DOMRect | null>(null);
  const view: View = {
    model,
    theme: theme ?? {},
    run: (handler) => () => {
      try {
        handler();
      } catch (error) {
        warn('the checklist failed', error);
      }
    },
    focusLauncher: () => find('.ak-launcher')?.focus(),
    ring,
  };

  let wasOpen = false;
  let failed = false;
  const stopRender = effect(() => {
    if (failed) return;
    try {
      render(<App view={view} />, container);
      const open = model.open.value;
      // Opening moves focus into the panel, so the next Tab is in the checklist.
      if (open && !wasOpen) find('.ak-panel')?.focus();
      wasOpen = open;
    } catch (error) {
      // A rendering bug hides the widget; it never reaches the host page.
      failed = true;
      warn('the checklist failed', error);
      container.textContent = '';
    }
  });

  // The ring follows the element while the page scrolls or resizes, then goes.
  const stopRing = effect(() => {
    const element = model.target.value;
    const win = element?.ownerDocument.defaultView;
    if (!element || !win) {
      ring.value = null;
      return;
    }
    const place = () => {
      ring.value = element.getBoundingClientRect();
    };
    place();
    win.addEventListener('scroll', place, true);
    win.addEventListener('resize', place);
    const timer = setTimeout(model.clearTarget, RING_MS);
    return () => {
      win.removeEventListener('scroll', place, true);
      win.removeEventListener('resize', place);
      clearTimeout(timer);
    };
  });

  return () => {
    stopRing();
    stopRender();
    render(null, container);
    host.remove();
  };
}
