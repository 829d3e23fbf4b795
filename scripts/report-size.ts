// Prints the widget's size after each build, against its budget.
import { WIDGET_BUDGET_BYTES, widgetSizes } from './widget-size';

const kb = (n: number) => `${(n / 1024).toFixed(2)} KB`;
for (const { file, bytes, gzip } of widgetSizes()) {
  const budget =
    file === 'ahakit.js'
      ? `  (budget ${kb(WIDGET_BUDGET_BYTES)}, ${Math.round((gzip / WIDGET_BUDGET_BYTES) * 100)}% used)`
      : '';
  console.log(`widget ${file.padEnd(14)} ${kb(bytes).padStart(9)}  gzip ${kb(gzip)}${budget}`);
}
