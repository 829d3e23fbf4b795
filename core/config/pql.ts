import { z } from 'zod';
import { comparison, conditionSchema, propertyFilter } from './conditions';
import { identifier } from './milestones';
import { localizedText } from './text';

/**
 * PQL definitions: who is a Product Qualified Lead. Each definition adds up points from
 * fit (who they are), value (what they reached) and intent (hand-raises in a recent
 * window), and qualifies a subject whose required conditions all hold and whose score
 * reaches the threshold.
 */

const label = localizedText
  .optional()
  .describe('How the rule reads in the reasons of a score; generated from the rule when absent.');

// Points are whole numbers so that sums, thresholds and CSV exports stay exact.
const fitPoints = z
  .int()
  .min(-1000)
  .max(1000)
  .refine((n) => n !== 0, 'must not be 0')
  .describe('Points when the rule holds; negative for a poor fit (students, competitors).');
const points = z.int().min(1).max(1000).describe('Points when the rule holds.');
const days = z.number().positive().max(3650);
const atLeast = z.int().min(1).max(10_000).default(1).describe('Matching events needed.');
const eventName = z.string().min(1).max(200).describe('The tracked event.');
const where = z.array(propertyFilter).default([]).describe('Conditions every counted event meets.');

export const fitRule = z
  .union([
    z.strictObject({
      trait: z.string().min(1).describe('A user trait (from identify).'),
      ...comparison,
      points: fitPoints,
      label,
    }),
    z.strictObject({
      accountTrait: z.string().min(1).describe('An account trait (from group).'),
      ...comparison,
      points: fitPoints,
      label,
    }),
  ])
  .describe('Fit: a comparison on a user or account trait, like role, company size or plan.');

export const valueRule = z
  .union([
    z.strictObject({
      milestone: identifier.describe('A milestone id: holds once it is reached.'),
      points,
      label,
    }),
    z.strictObject({
      activated: z
        .literal(true)
        .describe(
          'Holds once the subject reached the aha moment; an account, once the first of its users did.',
        ),
      points,
      label,
    }),
    z.strictObject({
      event: eventName,
      where,
      atLeast,
      withinDays: days
        .optional()
        .describe('Only events of the last this many days count; all of them when absent.'),
      points,
      label,
    }),
  ])
  .describe('Value: a milestone reached, activation, or a count of events (in a window).');

export const intentRule = z
  .union([
    z.strictObject({
      signal: identifier.describe('A hand-raise signal id.'),
      withinDays: days.describe('Holds while the signal fired in the last this many days.'),
      atLeast,
      points,
      label,
    }),
    z.strictObject({
      event: eventName,
      where,
      withinDays: days.describe('Holds while the event happened in the last this many days.'),
      atLeast,
      points,
      label,
    }),
  ])
  .describe('Intent: a hand-raise signal or an event (talk to sales) within a recent window.');

export const pqlDefinitionSchema = z
  .strictObject({
    id: identifier.describe('Unique id, like "upsell" or "expansion".'),
    title: localizedText.optional().describe('A name for dashboards.'),
    scope: z
      .enum(['user', 'account'])
      .default('user')
      .describe('"account": one score per account (workspace), fed by all its users’ events.'),
    fit: z.array(fitRule).default([]).describe('Who they are.'),
    value: z.array(valueRule).default([]).describe('What they got out of the product.'),
    intent: z.array(intentRule).default([]).describe('Buying intent they showed recently.'),
    required: z
      .array(conditionSchema)
      .default([])
      .describe('Conditions that must all hold to qualify, like {"activated": true}.'),
    threshold: z.int().min(0).max(1_000_000).describe('Points needed to qualify.'),
  })
  .describe('A Product Qualified Lead definition: fit, value and intent points and a threshold.');

export type PqlDefinition = z.output<typeof pqlDefinitionSchema>;
export type FitRule = z.output<typeof fitRule>;
export type ValueRule = z.output<typeof valueRule>;
export type IntentRule = z.output<typeof intentRule>;
