import { effect, signal } from '@preact/signals';
import type { AhakitConfig } from '../../../../core/config/schema';
import type { Onboarding } from '../../onboarding/model';
import type { Warn } from '../../warn';
import { createHost } from '../host';
import { BASE_Z_INDEX } from '../theme';
import { App } from './App';
import { CHECKLIST_CSS } from './styles';
import type { View } from './view';

const RING_MS = 3_000;

/**
 * The checklist surface: the launcher and panel in their own shadow root
 * (`<ahakit-widget>`), rendered from the user's onboarding model. Loaded only when the
 * model has a checklist to show. Returns the function that removes it.
 *
 * @example
 * const unmount = mountChecklist(document, model, config.theme, warn);
 */
export function mountChecklist(
  doc: Document,
  model: Onboarding,
  theme: Partial<AhakitConfig['theme']> | undefined,
  warn: Warn,
) {
  const ui = createHost(doc, 'ahakit-widget', CHECKLIST_CSS, theme?.zIndex ?? BASE_Z_INDEX);
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
    ring: signal<DOMRect | null>(null),
  };
  ui.show(<App view={view} />, warn, 'the checklist');

  // The ring follows the element while the page scrolls or resizes, then goes.
  const stopRing = effect(() => {
    const element = model.target.value;
    const win = element?.ownerDocument.defaultView;
    if (!element || !win) {
      view.ring.value = null;
      return;
    }
    const place = () => {
      view.ring.value = element.getBoundingClientRect();
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
