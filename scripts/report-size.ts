// Prints the widget's size after each build: every file, then what each journey downloads,
// against its budget.
import { BUDGETS, widgetSizes } from './widget-size';

const kb = (n: number) => `${(n / 1024).toFixed(2)} KB`;
const { files, groups } = widgetSizes();
for (const { file, bytes, gzip, brotli } of files) {
  console.log(
    `widget ${file.padEnd(34)} ${kb(bytes).padStart(9)}  gzip ${kb(gzip).padStart(8)}  br ${kb(brotli).padStart(8)}`,
  );
}
const budgetOf: Partial<Record<keyof typeof groups, number>> = {
  core: BUDGETS.core,
  checklist: BUDGETS.surface,
  nudges: BUDGETS.surface,
  journey: BUDGETS.journey,
};
for (const [key, { name, gzip, brotli }] of Object.entries(groups)) {
  const budget = budgetOf[key as keyof typeof groups];
  const verdict = budget
    ? `  (budget ${kb(budget)}: ${gzip <= budget ? 'within' : `OVER by ${kb(gzip - budget)}`})`
    : '';
  console.log(
    `${name.padEnd(42)} gzip ${kb(gzip).padStart(8)}  br ${kb(brotli).padStart(8)}${verdict}`,
  );
}
