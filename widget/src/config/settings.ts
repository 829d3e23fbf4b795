import type { WidgetSettings } from '../../../core/config/schema';
import type { Warn } from '../warn';

// Each delivery setting's default, minimum and maximum: the zod schema's in
// core/config/schema.ts, which the browser can't import.
const SETTINGS: Record<keyof WidgetSettings, number[]> = {
  batchSize: [20, 1, 100],
  flushIntervalMs: [1_000, 0, 60_000],
  maxQueueSize: [1_000, 10, 10_000],
};

/**
 * The delivery settings: each from the last of `sources` (named for warnings) that sets it
 * validly, else its default. A value out of bounds is skipped with a warning naming it.
 *
 * @example readSettings({ 'config.widget': config.widget, options }, warn)
 */
export function readSettings(
  sources: Record<string, Partial<Record<keyof WidgetSettings, unknown>> | undefined>,
  warn: Warn,
): WidgetSettings {
  const settings = {} as WidgetSettings;
  for (const [key, [fallback, min, max]] of Object.entries(SETTINGS) as Array<
    [keyof WidgetSettings, number[]]
  >) {
    settings[key] = fallback!;
    for (const [where, source] of Object.entries(sources)) {
      const value = source?.[key];
      if (Number.isInteger(value) && (value as number) >= min! && (value as number) <= max!) {
        settings[key] = value as number;
      } else if (value !== undefined) {
        warn(`${where}.${key} must be a whole number from ${min} to ${max}; ignored`);
      }
    }
  }
  return settings;
}
