import type { AhakitConfig } from '../../../core/config/schema';

/** The theme as the custom properties the surfaces' CSS reads. */
export const themeVars = (theme: Partial<AhakitConfig['theme']>) => ({
  '--a': theme.accent ?? '#4a154b',
  '--r': `${theme.radius ?? 12}px`,
  '--x': `${theme.offset?.x ?? 16}px`,
  '--y': `${theme.offset?.y ?? 16}px`,
});

/** The checklist's stacking level; prompts sit one above it. */
export const BASE_Z_INDEX = 2147483000;
