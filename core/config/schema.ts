import { z } from 'zod';
import { checklistSchema, themeSchema } from './checklists';
import { conversionSchema } from './conversion';
import { crossCheck } from './cross-checks';
import { activationSchema, milestoneSchema } from './milestones';
import { fatigueSchema, nudgeSchema } from './nudges';
import { allowedOrigin } from './origins';
import { pqlDefinitionSchema } from './pql';
import { signalSchema } from './signals';
import { localesSchema } from './text';
import { webhooksSchema } from './webhooks';

/**
 * The one schema of `ahakit.config.json`. The collector validates the file with it at
 * start-up, the CLI with `ahakit validate`, and `npm run schema` turns it into the
 * published JSON Schema that editors use for autocomplete. The widget only imports the
 * inferred types, so zod never ships to the browser.
 */

export const collectorSchema = z
  .strictObject({
    allowedOrigins: z
      .array(allowedOrigin)
      .default([])
      .describe(
        'Browser origins allowed to call the collector (CORS); AHAKIT_ALLOWED_ORIGINS adds more. The collector’s own origin is always allowed.',
      ),
    announceWithinHours: z
      .number()
      .positive()
      .max(24 * 365)
      .default(24)
      .describe(
        'Webhooks announce only news: a milestone, activation, PQL or hand-raise whose event is older than this many hours when it is decided (after a rules change, a replay or a backfill) is recorded as suppressed, not sent.',
      ),
  })
  .describe('How the collector accepts events.');

export const widgetSchema = z
  .strictObject({
    batchSize: z.int().min(1).max(100).default(20).describe('Events sent in one request at most.'),
    flushIntervalMs: z
      .int()
      .min(0)
      .max(60_000)
      .default(1_000)
      .describe('How long an event may wait for others before its batch is sent.'),
    maxQueueSize: z
      .int()
      .min(10)
      .max(10_000)
      .default(1_000)
      .describe('Unsent events kept at most; when full, the oldest are dropped first.'),
  })
  .describe('How the browser widget delivers events.');

/** The config's shape, without the checks that span it (`crossCheck`). */
export const configObject = z
  .strictObject({
    $schema: z.string().optional().describe('Path or URL of this JSON Schema, for editors.'),
    product: z
      .strictObject({
        name: z.string().min(1).max(100).describe('The product’s name, as users know it.'),
      })
      .describe('The product ahakit runs in.'),
    collector: collectorSchema.prefault({}),
    widget: widgetSchema.prefault({}),
    locales: localesSchema.prefault({}),
    theme: themeSchema.prefault({}),
    milestones: z.array(milestoneSchema).default([]).describe('Steps on the way to value.'),
    activation: activationSchema.optional(),
    checklists: z.array(checklistSchema).default([]).describe('Onboarding checklists.'),
    // Optional rather than defaulted, so a config without them validates to the same
    // object as before they existed; the engine treats absent as none / the defaults.
    signals: z.array(signalSchema).optional().describe('Hand-raise signals: buying intent.'),
    nudges: z.array(nudgeSchema).optional().describe('Upgrade prompts and hints.'),
    fatigue: fatigueSchema.optional(),
    pql: z
      .array(pqlDefinitionSchema)
      .default([])
      .describe('Product Qualified Lead definitions, scored for every user or account.'),
    webhooks: webhooksSchema.default([]),
    conversion: conversionSchema.optional(),
  })
  .describe('ahakit configuration: one file for everything the growth team decides.');

export const configSchema = configObject.superRefine(crossCheck);

/** The config as written in the file. */
export type AhakitConfigInput = z.input<typeof configObject>;
/** The config after validation, with every default filled in. */
export type AhakitConfig = z.output<typeof configObject>;
export type WidgetSettings = AhakitConfig['widget'];
