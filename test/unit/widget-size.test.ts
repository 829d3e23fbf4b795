import { describe, expect, it } from 'vitest';
import { WIDGET_BUDGET_BYTES, widgetSizes } from '../../scripts/widget-size';

describe('widget size budget', () => {
  it('keeps the script-tag widget, CSS included, at or under 20 KB gzip', () => {
    const script = widgetSizes().find((s) => s.file === 'ahakit.js')!;
    expect(script.gzip).toBeGreaterThan(1000); // a real build, not an empty file
    expect(script.gzip).toBeLessThanOrEqual(WIDGET_BUDGET_BYTES);
  });

  it('ships no zod to the browser', async () => {
    const { readFileSync } = await import('node:fs');
    const bundle = readFileSync('dist/widget/ahakit.js', 'utf8');
    expect(bundle).not.toMatch(/ZodError|_zod/);
  });
});
