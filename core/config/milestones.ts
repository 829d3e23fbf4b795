import { z } from 'zod';
import { propertyFilter } from './conditions';
import { localizedText } from './text';

export const identifier = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9_.-]{0,63}$/,
    'must be lower-case letters, digits, "_", "." or "-" (at most 64)',
  );

const windowSchema = z
  .strictObject({
    days: z.number().positive().max(3650).describe('Length of the window in days.'),
    of: z
      .enum(['first_seen', 'now'])
      .default('now')
      .describe(
        '"first_seen": within this many days of the subject’s first event; "now": in the last this many days.',
      ),
  })
  .describe('Only events inside this window count.');

const common = {
  id: identifier.describe('Unique id, referred to by activation, checklists and conditions.'),
  title: localizedText.optional().describe('A name for dashboards.'),
  scope: z
    .enum(['user', 'account'])
    .default('user')
    .describe('"account": reached once for the whole account (workspace) by any of its users.'),
};

export const eventMilestone = z.strictObject({
  ...common,
  event: z.string().min(1).max(200).describe('The tracked event that counts.'),
  where: z.array(propertyFilter).default([]).describe('Conditions every counted event meets.'),
  count: z.int().min(1).max(1_000_000).default(1).describe('How many matching events reach it.'),
  within: windowSchema.optional(),
});

export const allMilestone = z.strictObject({
  ...common,
  all: z.array(identifier).min(1).describe('Reached when every one of these milestones is.'),
});

export const anyMilestone = z.strictObject({
  ...common,
  any: z.array(identifier).min(1).describe('Reached when one of these milestones is.'),
});

export const milestoneSchema = z
  .union([eventMilestone, allMilestone, anyMilestone])
  .describe(
    'A step on the way to value: an event seen N times (with filters and a window), or a combination.',
  );

export type Milestone = z.output<typeof milestoneSchema>;
export type EventMilestone = z.output<typeof eventMilestone>;

export const activationSchema = z
  .strictObject({
    milestones: z
      .array(identifier)
      .min(1)
      .describe('The aha moment: a user is activated when all of these are reached.'),
  })
  .describe('The aha moment. Time to value = activation time − first seen.');
