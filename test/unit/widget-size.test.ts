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

  it('renders with its own JSX runtime: no Preact or signals library in the script tag', async () => {
    const { readFileSync } = await import('node:fs');
    const { sources } = JSON.parse(readFileSync('dist/widget/ahakit.js.map', 'utf8')) as {
      sources: string[];
    };
    expect(sources.some((s) => s.includes('widget/src/ui/jsx/jsx-runtime'))).toBe(true);
    expect(sources.some((s) => s.includes('widget/src/nudges/controller'))).toBe(true);
    expect(sources.filter((s) => /node_modules\/(preact|@preact)\//.test(s))).toEqual([]);
  });

  it('uses nothing newer than the ES2020 browsers it targets can run', async () => {
    const { readFileSync } = await import('node:fs');
    const bundle = readFileSync('dist/widget/ahakit.js', 'utf8');
    // ES2022 `Object.hasOwn` is missing in Safari before 15.4.
    expect(bundle).not.toContain('Object.hasOwn');
  });
});
