import { z } from 'zod';

/** Comparison of one value, shared by event filters and audience rules. */
export const comparisonOps = [
  'eq',
  'neq',
  'gt',
  'gte',
  'lt',
  'lte',
  'in',
  'nin',
  'contains',
  'exists',
] as const;
export type ComparisonOp = (typeof comparisonOps)[number];

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** `op` and `value` of a comparison, shared by filters, audience rules and PQL fit rules. */
export const comparison = {
  op: z
    .enum(comparisonOps)
    .default('eq')
    .describe(
      'eq, neq, gt, gte, lt, lte, in / nin (value is a list), contains (substring or list member), exists (value true or false).',
    ),
  value: z
    .union([scalar, z.array(scalar)])
    .optional()
    .describe('What to compare with.'),
};

/** `{"property": "plan", "op": "eq", "value": "free"}`: a condition on an event's properties. */
export const propertyFilter = z
  .strictObject({
    property: z.string().min(1).describe('A property name; dots reach nested ones ("page.path").'),
    ...comparison,
  })
  .describe('A condition on one property of the event.');
export type PropertyFilter = z.output<typeof propertyFilter>;

/**
 * Who a checklist or a nudge is for: rules on user traits, account traits, milestones,
 * activation, device type and viewport width, combined with `all`, `any` and `not`.
 */
export type Condition =
  | { trait: string; op: ComparisonOp; value?: Scalar | Scalar[] | undefined }
  | { accountTrait: string; op: ComparisonOp; value?: Scalar | Scalar[] | undefined }
  | { milestone: string; reached: boolean }
  | { activated: boolean }
  | { device: Device }
  | { viewport: { minWidth?: number | undefined; maxWidth?: number | undefined } }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };
type Scalar = string | number | boolean | null;

export const devices = ['mobile', 'tablet', 'desktop'] as const;
/** The kind of device the user is on, as the widget classifies it. */
export type Device = (typeof devices)[number];
const width = z.number().min(0).max(100_000);

export const conditionSchema: z.ZodType<Condition, unknown> = z.lazy(() =>
  z.union([
    z.strictObject({
      trait: z.string().min(1).describe('A user trait (from identify).'),
      ...comparison,
    }),
    z.strictObject({
      accountTrait: z.string().min(1).describe('An account trait (from group).'),
      ...comparison,
    }),
    z.strictObject({
      milestone: z.string().min(1).describe('A milestone id.'),
      reached: z.boolean().default(true),
    }),
    z.strictObject({
      activated: z
        .boolean()
        .describe(
          'Whether the user reached the aha moment (in an account-scope PQL definition: whether one of its users did).',
        ),
    }),
    z.strictObject({ device: z.enum(devices).describe('The device type the user is on.') }),
    z.strictObject({
      viewport: z
        .strictObject({
          minWidth: width.optional().describe('At least this many CSS pixels wide.'),
          maxWidth: width.optional().describe('At most this many CSS pixels wide.'),
        })
        .describe('The browser window’s width.'),
    }),
    z.strictObject({ all: z.array(conditionSchema).min(1) }),
    z.strictObject({ any: z.array(conditionSchema).min(1) }),
    z.strictObject({ not: conditionSchema }),
  ]),
) as z.ZodType<Condition, unknown>;
