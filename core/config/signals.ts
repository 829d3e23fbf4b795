import { z } from 'zod';
import { propertyFilter } from './conditions';
import { cssSelector } from './css-selector';
import { identifier } from './milestones';
import { pathPattern } from './path-pattern';
import { localizedText } from './text';

const common = {
  id: identifier.describe('Unique id, referred to by nudge triggers and reported with each hit.'),
  title: localizedText.optional().describe('A name for dashboards.'),
};

const property = z.string().min(1).describe('A property name; dots reach nested ones.');

export const pageSignal = z.strictObject({
  ...common,
  type: z.literal('page'),
  path: pathPattern,
});

export const usageSignal = z.strictObject({
  ...common,
  type: z.literal('usage'),
  metric: z.string().min(1).max(200).describe('The metric, as in ahakit.usage("messages", …).'),
  thresholds: z
    .array(z.number().gt(0).lte(1))
    .min(1)
    .describe(
      'Shares of the limit that fire the signal, 0 < x ≤ 1, in increasing order: [0.8, 1] fires at 80% and at 100%.',
    ),
  event: z
    .strictObject({
      name: z.string().min(1).max(200).describe('The tracked event that carries the usage.'),
      usedProperty: property,
      limitProperty: property,
    })
    .optional()
    .describe('Read usage from this event’s properties instead of ahakit.usage().'),
});

export const clickSignal = z.strictObject({
  ...common,
  type: z.literal('click'),
  selector: cssSelector.describe(
    'CSS selector of the element (a paid-only feature); inside shadow roots too.',
  ),
});

export const eventSignal = z.strictObject({
  ...common,
  type: z.literal('event'),
  event: z.string().min(1).max(200).describe('The tracked event.'),
  where: z.array(propertyFilter).default([]).describe('Conditions the event meets.'),
});

export const signalSchema = z
  .discriminatedUnion('type', [pageSignal, usageSignal, clickSignal, eventSignal])
  .describe(
    'A hand-raise: buying intent shown by opening a page, nearing a usage limit, clicking an element or a tracked event.',
  );

export type Signal = z.output<typeof signalSchema>;
export type PageSignal = z.output<typeof pageSignal>;
export type UsageSignal = z.output<typeof usageSignal>;
export type ClickSignal = z.output<typeof clickSignal>;
export type EventSignal = z.output<typeof eventSignal>;
