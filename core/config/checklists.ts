import { z } from 'zod';
import { eventAction, urlAction } from './actions';
import { conditionSchema } from './conditions';
import { cssSelector } from './css-selector';
import { identifier } from './milestones';
import { localizedText } from './text';

export const actionSchema = z
  .union([
    urlAction,
    eventAction,
    z.strictObject({
      type: z.literal('element'),
      selector: cssSelector.describe(
        'CSS selector of the element to point at (scrolled to, highlighted, focused).',
      ),
      click: z.boolean().default(false).describe('Also click it.'),
    }),
  ])
  .describe('What happens when the user starts the item.');

export const checklistItemSchema = z.strictObject({
  id: identifier,
  milestone: identifier.describe('The item is done when this milestone is reached.'),
  title: localizedText,
  body: localizedText.optional(),
  action: actionSchema.optional(),
});

export const checklistSchema = z
  .strictObject({
    id: identifier,
    title: localizedText,
    description: localizedText.optional(),
    items: z.array(checklistItemSchema).min(3).max(7),
    order: z
      .enum(['any', 'sequential'])
      .default('any')
      .describe('"sequential": an item can be started only once the ones before it are done.'),
    audience: conditionSchema.optional().describe('Who sees it; everyone when absent.'),
    dismissible: z.boolean().default(true),
    completeText: localizedText.optional().describe('Shown when every item is done.'),
  })
  .describe('A guided list of steps toward the aha moment.');

export type Checklist = z.output<typeof checklistSchema>;
export type ChecklistItem = z.output<typeof checklistItemSchema>;
export type ChecklistAction = z.output<typeof actionSchema>;

const color = z
  .string()
  .regex(/^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, 'must be a hex colour like "#4a154b"');

export const themeSchema = z
  .strictObject({
    accent: color.default('#4a154b').describe('Buttons, progress and highlights.'),
    position: z.enum(['bottom-right', 'bottom-left']).default('bottom-right'),
    offset: z
      .strictObject({
        x: z.int().min(0).max(400).default(16).describe('Pixels from the side.'),
        y: z.int().min(0).max(400).default(16).describe('Pixels from the bottom.'),
      })
      .prefault({})
      .describe(
        'Where the launcher sits from its corner, to keep clear of the app’s own controls.',
      ),
    radius: z.int().min(0).max(24).default(12).describe('Corner radius in pixels.'),
    zIndex: z
      .int()
      .min(0)
      .max(2_147_483_646)
      .default(2_147_483_000)
      .describe('Stacking order of the checklist; prompts use one more, so they show above it.'),
  })
  .describe('How the widget looks in the host page.');
