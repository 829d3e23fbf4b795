/** @jsxImportSource ./jsx */

import type { AhakitConfig } from '../../../core/config/schema';
import type { Onboarding } from '../onboarding/model';
import { effect, signal } from '../reactive';
import type { Warn } from '../warn';
import { App } from './App';
import { createHost } from './host';
import { CSS } from './styles';
import type { View } from './view';

const RING_MS = 3_000;

/**
 * Shows the onboarding UI in its own shadow root (`<ahakit-widget>`). Returns the
 * function that removes it.
 */
export function mountUi(
  doc: Document,
  model: Onboarding,
  theme: Partial<AhakitConfig['theme']> | undefined,
  warn: Warn,
) {
  const ui = createHost(doc, 'ahakit-widget', CSS, theme?.zIndex);
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
    focusLauncher: () => ui.find('.ak-launcher')?.focus(),
    ring,
  };

  let wasOpen = false;
  ui.paint(
    () => <App view={view} />,
    warn,
    'the checklist',
    () => {
      const open = model.open.value;
      // Opening moves focus into the panel, so the next Tab is in the checklist.
      if (open && !wasOpen) ui.find('.ak-panel')?.focus();
      wasOpen = open;
    },
  );

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
    ui.remove();
  };
}
