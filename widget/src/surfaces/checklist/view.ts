import type { Signal } from '@preact/signals';
import type { AhakitConfig } from '../../../../core/config/schema';
import type { Onboarding } from '../../onboarding/model';

/** What every component gets: the model, the theme, and the surface's few imperative bits. */
export interface View {
  model: Onboarding;
  theme: Partial<AhakitConfig['theme']>;
  /** Runs a UI handler; a failure is a warning, never an error in the host page. */
  run: (handler: () => void) => () => void;
  focusLauncher: () => void;
  /** Where the ring is drawn: the pointed-at element's rectangle, or null. */
  ring: Signal<DOMRect | null>;
}
