import { own, type Properties } from '../compare';
import type { Scope } from '../compile';
import type { CompiledPql, PqlCounter } from './compile-pql';
import { addTime } from './counter-times';
import type { PqlState } from './pql-state';
import { SIGNAL_EVENT } from './signal-event';

/** The parts of an event PQL scoring reads; an `EngineEvent` is one. */
export interface PqlEvent {
  /** Only `track` events count. */
  type: string;
  event?: string | undefined;
  properties?: Properties | undefined;
  /** When it happened, in ms since the epoch. */
  timestamp: number;
}

const NONE: readonly never[] = [];

/**
 * Counts one event into a subject's PQL state, for the definitions of `scope` (pass each
 * event of a user to the user's state, and to their account's with `'account'`). Pure
 * and structurally shared: only the rules that count this event get new arrays, and an
 * event no rule watches returns the very same state. Events may arrive in any order.
 * The caller applies each event once: the state does not recognise replays.
 *
 * @example
 * state = applyPqlEvent(pql, state, {
 *   type: 'track', event: '$signal', properties: { signalId: 'pricing' }, timestamp: Date.now(),
 * });
 */
export function applyPqlEvent(
  pql: CompiledPql,
  state: PqlState,
  event: PqlEvent,
  scope: Scope = 'user',
): PqlState {
  const { type, event: name, properties, timestamp: t } = event;
  if (type !== 'track' || name === undefined || !Number.isFinite(t)) return state;
  const index = pql.index[scope];
  const byName = index.byEvent.get(name) ?? NONE;
  const signalId = name === SIGNAL_EVENT && properties ? own(properties, 'signalId') : undefined;
  const bySignal = typeof signalId === 'string' ? (index.bySignal.get(signalId) ?? NONE) : NONE;

  let next = state;
  const count = (c: PqlCounter) => {
    if (!c.matches(properties)) return;
    const rules = own(next, c.definition) ?? {};
    const before = own(rules, c.key) ?? NONE;
    const after = addTime(c, before, t);
    if (after !== before) next = { ...next, [c.definition]: { ...rules, [c.key]: after } };
  };
  for (const c of byName) count(c);
  for (const c of bySignal) count(c);
  return next;
}
