/**
 * The tracked event a fired hand-raise signal is recorded as: `track('$signal',
 * { signalId: 'pricing', … })`. The widget sends it, the collector stores it, and PQL
 * intent rules on a signal count it, so all three must agree on the name.
 *
 * @example
 * applyPqlEvent(pql, state, { type: 'track', event: SIGNAL_EVENT, properties: { signalId: 'pricing' }, timestamp });
 */
export const SIGNAL_EVENT = '$signal';

/**
 * The hand-raise a nudge's "talk to sales" button records (`$signal` with this
 * `signalId` and the `nudgeId`). Built in: PQL intent rules may name it without a
 * `signals` entry.
 */
export const TALK_TO_SALES = 'talk_to_sales';
