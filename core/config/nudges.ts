import { z } from 'zod';
import { eventAction, urlAction } from './actions';
import { conditionSchema, propertyFilter } from './conditions';
import { cssSelector } from './css-selector';
import { identifier } from './milestones';
import { pathPattern } from './path-pattern';
import { localizedText } from './text';

const eventName = z.string().min(1).max(200);

export const triggerSchema = z
  .union([
    z.strictObject({
      signal: identifier.describe('A signal id.'),
      threshold: z
        .number()
        .gt(0)
        .lte(1)
        .optional()
        .describe('Usage signals: only when this threshold (one of the signal’s) is crossed.'),
    }),
    z.strictObject({ milestone: identifier.describe('When this milestone is reached.') }),
    z.strictObject({
      event: eventName.describe('When this event is tracked.'),
      where: z.array(propertyFilter).default([]).describe('Conditions the event meets.'),
    }),
    z.strictObject({ page: pathPattern.describe('When a page matching this pattern opens.') }),
  ])
  .describe('What makes the nudge a candidate: a signal, a milestone, an event or a page.');

export const nudgeActionSchema = z
  .discriminatedUnion('type', [
    urlAction,
    eventAction,
    z.strictObject({
      type: z.literal('talk_to_sales'),
    }),
  ])
  .describe('What the button does. "talk_to_sales" is itself reported as a hand-raise.');

const common = {
  id: identifier.describe('Unique id, reported with every nudge event.'),
  trigger: triggerSchema,
  audience: conditionSchema.optional().describe('Who may see it; everyone when absent.'),
  content: z
    .strictObject({
      title: localizedText,
      body: localizedText
        .optional()
        .describe(
          'Safe formatting only: **bold**, *italic*, [text](https://…) links (http(s) only) and {{user.firstName|there}} placeholders (user. or account. traits, default after |).',
        ),
    })
    .describe('What it says; rendered as text, never as HTML.'),
  cta: z
    .strictObject({ label: localizedText, action: nudgeActionSchema })
    .optional()
    .describe('The call to action.'),
  goal: z
    .strictObject({
      event: eventName.describe('The event that counts as conversion ("plan_upgraded").'),
      where: z.array(propertyFilter).default([]),
      withinDays: z.number().positive().max(365).describe('Counted when within this many days.'),
    })
    .optional()
    .describe('What counts as the nudge working.'),
  frequency: z
    .strictObject({
      maxShows: z.int().min(1).max(1000).default(3).describe('Shown at most this many times.'),
      cooldownHours: z
        .number()
        .min(0)
        .max(8760)
        .default(24)
        .describe('Not shown again this soon after it was shown or dismissed.'),
      dontShowAgain: z.boolean().default(false).describe('Offer “don’t show again”.'),
    })
    .prefault({})
    .describe('How often one user may see it.'),
  priority: z.int().default(0).describe('When several are eligible at once, the highest wins.'),
  experiment: z
    .strictObject({
      control: z.number().min(0).max(1).describe('Share of users held back (0.5 = 50/50).'),
      seed: z
        .string()
        .min(1)
        .max(200)
        .optional()
        .describe('Bucketing seed (default: the nudge id); change it to reshuffle.'),
    })
    .optional()
    .describe(
      'A holdout: eligible users in the control group see nothing and are recorded as exposed.',
    ),
};

export const modalNudge = z.strictObject({ ...common, kind: z.literal('modal') });
export const bannerNudge = z.strictObject({
  ...common,
  kind: z.literal('banner'),
  placement: z.enum(['top', 'bottom']).default('top'),
});
export const cardNudge = z.strictObject({
  ...common,
  kind: z.literal('card'),
  placement: z.enum(['bottom-right', 'bottom-left']).default('bottom-right'),
});
export const tooltipNudge = z.strictObject({
  ...common,
  kind: z.literal('tooltip'),
  placement: z
    .enum(['top', 'bottom', 'left', 'right'])
    .default('bottom')
    .describe('Preferred side; flips when there is no room.'),
  anchor: cssSelector.describe('CSS selector of the element the tooltip points at.'),
});

export const nudgeSchema = z
  .discriminatedUnion('kind', [modalNudge, bannerNudge, cardNudge, tooltipNudge])
  .describe('An upgrade prompt or hint: a modal, a banner, a card or an anchored tooltip.');

export const fatigueSchema = z
  .strictObject({
    maxPerSession: z.int().min(0).default(1).describe('Nudges shown per session at most.'),
    maxPerDay: z.int().min(0).default(2).describe('Nudges shown in any 24 hours at most.'),
    minGapMinutes: z.number().min(0).default(30).describe('Minimum time between two nudges.'),
  })
  .describe('The budget across all nudges, so users are helped, not nagged.');

export type Nudge = z.output<typeof nudgeSchema>;
export type NudgeKind = Nudge['kind'];
export type NudgeTrigger = z.output<typeof triggerSchema>;
export type NudgeAction = z.output<typeof nudgeActionSchema>;
export type NudgeGoal = NonNullable<Nudge['goal']>;
export type NudgeExperiment = NonNullable<Nudge['experiment']>;
export type Fatigue = z.output<typeof fatigueSchema>;
