/**
 * What the widget reports about nudges, as track events. Every one carries
 * `{ nudgeId, kind }`, plus `variant: 'treatment' | 'control'` when the nudge runs an
 * experiment. On top of that:
 * - `eligible`: the nudge was picked to show (shown or held back), once per pick;
 * - `exposure`: experiments only, when a treatment user is shown the nudge or a control
 *   user would have been (they see nothing);
 * - `shown`: it appeared on screen;
 * - `clicked`: its call to action was used (`action`: the action's type);
 * - `dismissed`: closed without the call to action (`dontShowAgain`: true when chosen);
 * - `converted`: the browser saw the goal event within the window after an exposure or
 *   a show (`goal`: the event name). The collector counts conversions from the goal
 *   events it stores, so a goal tracked by a backend counts too;
 * - `expired`: it was eligible while another prompt was on screen, waited, and was never
 *   shown (`reason`: `queue_full`, `timeout`, or why it was no longer eligible once the
 *   screen was free, like `min_gap` or `session_budget`). An experiment's exposure is
 *   recorded with it, so each eligible pick is exposed exactly once.
 *
 * @example
 * ahakit.track(NUDGE_EVENTS.shown, { nudgeId: 'limit_card', kind: 'card', variant: 'treatment' });
 */
export const NUDGE_EVENTS = {
  eligible: '$nudge_eligible',
  exposure: '$nudge_exposure',
  shown: '$nudge_shown',
  clicked: '$nudge_clicked',
  dismissed: '$nudge_dismissed',
  converted: '$nudge_converted',
  expired: '$nudge_expired',
} as const;

export type NudgeEventName = (typeof NUDGE_EVENTS)[keyof typeof NUDGE_EVENTS];

export type Variant = 'treatment' | 'control';
