import type { UsageSignal } from '../../config/signals';
import { own, type Properties, pathReader } from '../compare';
import type { NudgeRules, NudgeShape } from './compile-nudges';

/** Something the widget (or the collector) saw that may be a hand-raise. */
export type SignalInput =
  | { kind: 'page'; path: string }
  | { kind: 'usage'; metric: string; used: number; limit: number }
  | { kind: 'event'; event: string; properties?: Properties | undefined }
  /** The widget matched a click against the selector of the click signal `matched`. */
  | { kind: 'click'; matched: string };

/** What made a signal fire, reported with it. */
export type SignalTrigger =
  | { type: 'page'; path: string }
  | { type: 'usage'; metric: string; used: number; limit: number; threshold: number }
  | { type: 'click'; selector: string }
  | { type: 'event'; event: string };

export interface SignalHit {
  signalId: string;
  trigger: SignalTrigger;
}

/**
 * Usage signal id → the highest of its thresholds that usage is at or above and that was
 * already reported. Plain JSON, kept per user by the caller between calls.
 */
export type UsageMarks = Readonly<Record<string, number>>;

export interface SignalsResult {
  hits: SignalHit[];
  /** The marks after this input: the very same object when nothing changed. */
  marks: UsageMarks;
}

/**
 * Which signals an input fires, and why. Page, click and event signals fire every time
 * they match. A usage signal fires when usage/limit crosses one of its thresholds upward,
 * once per crossing: it reports the highest threshold crossed (a jump from 50% to 100%
 * reports 1, not 0.8 and 1), and does not fire again while usage stays above it. When
 * usage falls back under a threshold (a new billing period, deleted data), the mark drops
 * with it, so crossing it again later fires again. A limit that is not a positive number
 * fires nothing.
 *
 * @example
 * let marks = {};
 * ({ hits, marks } = signalsFor(rules, { kind: 'usage', metric: 'messages', used: 80, limit: 100 }, marks));
 * // hits: [{ signalId: 'message_limit', trigger: { type: 'usage', metric: 'messages', used: 80, limit: 100, threshold: 0.8 } }]
 * signalsFor(rules, { kind: 'usage', metric: 'messages', used: 85, limit: 100 }, marks).hits; // []
 */
export function signalsFor(
  rules: NudgeRules<NudgeShape>,
  input: SignalInput,
  marks: UsageMarks = {},
): SignalsResult {
  const hits: SignalHit[] = [];
  let next = marks;
  const usage = (signal: UsageSignal, used: unknown, limit: unknown) => {
    if (typeof used !== 'number' || typeof limit !== 'number') return;
    if (!Number.isFinite(used) || !Number.isFinite(limit) || limit <= 0) return;
    const share = used / limit;
    let crossed = 0;
    for (const t of signal.thresholds) if (share >= t && t > crossed) crossed = t;
    const before = own(next, signal.id) ?? 0;
    if (crossed === before) return;
    const copy: Record<string, number> = { ...next };
    if (crossed === 0) delete copy[signal.id];
    else copy[signal.id] = crossed;
    next = copy;
    if (crossed > before) {
      hits.push({
        signalId: signal.id,
        trigger: { type: 'usage', metric: signal.metric, used, limit, threshold: crossed },
      });
    }
  };

  switch (input.kind) {
    case 'page':
      for (const { signal, matches } of rules.pageSignals) {
        if (matches(input.path))
          hits.push({ signalId: signal.id, trigger: { type: 'page', path: input.path } });
      }
      break;
    case 'usage':
      for (const signal of rules.usageByMetric.get(input.metric) ?? []) {
        usage(signal, input.used, input.limit);
      }
      break;
    case 'click': {
      const signal = rules.signals.get(input.matched);
      if (signal?.type === 'click')
        hits.push({ signalId: signal.id, trigger: { type: 'click', selector: signal.selector } });
      break;
    }
    case 'event':
      for (const { signal, matches } of rules.eventSignals.get(input.event) ?? []) {
        if (matches(input.properties))
          hits.push({ signalId: signal.id, trigger: { type: 'event', event: input.event } });
      }
      for (const signal of rules.usageByEvent.get(input.event) ?? []) {
        const { usedProperty, limitProperty } = signal.event!;
        usage(
          signal,
          pathReader(usedProperty)(input.properties),
          pathReader(limitProperty)(input.properties),
        );
      }
      break;
  }
  return { hits, marks: next };
}
