import { z } from 'zod';
import { propertyFilter } from './conditions';

/**
 * The conversion goal: the event that means a user became a customer. The metrics'
 * funnel ends with it, and nudges without a goal of their own are measured by it.
 */
export const conversionSchema = z
  .strictObject({
    event: z
      .string()
      .min(1)
      .max(200)
      .describe('The tracked event that counts as converted, like "plan_upgraded".'),
    where: z.array(propertyFilter).default([]).describe('Conditions the event meets.'),
  })
  .describe(
    'What counts as converted: the last step of the metrics funnel (new users → activated → PQL → converted). Never sent to the browser.',
  );

export type Conversion = z.output<typeof conversionSchema>;
