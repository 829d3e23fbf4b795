import type { AhakitConfig } from '../../../core/config/schema';
import type { Onboarding } from '../onboarding/model';

/** What every component gets: the model, the theme, and the UI's few imperative bits. */
export interface View {
  model: Onboarding;
  theme: Partial<AhakitConfig['theme']>;
  /** Runs a UI handler; a failure is a warning, never an error in the host page. */
  run: (handler: () => void) => () => void;
  focusLauncher: () => void;
  /** Where the ring is drawn: the pointed-at element's rectangle, or null. */
  ring: { value: DOMRect | null };
}

/** The theme as the custom properties the CSS reads. */
export const themeVars = (theme: Partial<AhakitConfig['theme']>) => ({
  '--a': theme.accent ?? '#4a154b',
  '--r': `${theme.radius ?? 12}px`,
  '--x': `${theme.offset?.x ?? 16}px`,
  '--y': `${theme.offset?.y ?? 16}px`,
});
