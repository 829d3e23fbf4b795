import { useState } from 'preact/hooks';
import type { Format } from '../format';
import type { TimelineEvent } from '../types';

export interface TimelineEntry {
  at: string | null;
  kind: 'milestone' | 'activation' | 'pql' | 'signal' | 'nudge' | 'usage' | 'checklist' | 'event';
  text: string;
  detail?: string | undefined;
}

const KIND_NAMES: Record<TimelineEntry['kind'], string> = {
  milestone: 'Milestone',
  activation: 'Aha moment',
  pql: 'PQL',
  signal: 'Hand-raise',
  nudge: 'Nudge',
  usage: 'Usage',
  checklist: 'Checklist',
  event: 'Event',
};

/** Entries shown at first, and added by each "Show more". */
const PAGE_SIZE = 50;

/**
 * The newest first: what the subject did and what the collector decided about it. The
 * same line repeated back to back (an app that calls identify or group on every page) is
 * shown once, with how many times; long timelines show 50 entries at a time.
 */
export function Timeline({ entries, fmt }: { entries: TimelineEntry[]; fmt: Format }) {
  const [shown, setShown] = useState(PAGE_SIZE);
  if (entries.length === 0) return <p class="muted">Nothing recorded yet.</p>;
  const sorted = [...entries].sort((a, b) => (b.at ?? '').localeCompare(a.at ?? ''));
  const lines = collapse(sorted);
  return (
    <>
      <ol class="timeline">
        {lines.slice(0, shown).map(({ entry: e, times, first }, i) => (
          <li key={i} class={`timeline-entry timeline-${e.kind}`}>
            <span class="badge">{KIND_NAMES[e.kind]}</span>
            <span class="timeline-text">
              {e.text}
              {times > 1 && ` (${fmt.count(times)} times, since ${fmt.dateTime(first)})`}
              {e.detail && <span class="sub">{e.detail}</span>}
            </span>
            <time dateTime={e.at ?? undefined}>{fmt.dateTime(e.at)}</time>
          </li>
        ))}
      </ol>
      {lines.length > shown && (
        <button
          type="button"
          class="button button-quiet"
          onClick={() => setShown(shown + PAGE_SIZE)}
        >
          Show {fmt.count(Math.min(PAGE_SIZE, lines.length - shown))} more of{' '}
          {fmt.count(lines.length - shown)}
        </button>
      )}
    </>
  );
}

/** Back-to-back repeats of the same line, as one line with a count (newest first). */
function collapse(
  sorted: TimelineEntry[],
): { entry: TimelineEntry; times: number; first: string | null }[] {
  const out: { entry: TimelineEntry; times: number; first: string | null }[] = [];
  for (const entry of sorted) {
    const last = out[out.length - 1];
    if (
      last &&
      last.entry.kind === entry.kind &&
      last.entry.text === entry.text &&
      last.entry.detail === entry.detail
    ) {
      last.times++;
      last.first = entry.at;
    } else out.push({ entry, times: 1, first: entry.at });
  }
  return out;
}

/** One stored event as a timeline line: signals, nudges and usage read as what they are. */
export function eventEntry(e: TimelineEvent): TimelineEntry {
  const p = e.properties ?? {};
  const at = e.timestamp;
  const name = e.event ?? '';
  if (name === '$signal') {
    return { at, kind: 'signal', text: `Hand-raise: ${text(p.signalId) ?? 'signal'}` };
  }
  if (name.startsWith('$nudge_')) {
    const what = name.slice('$nudge_'.length);
    const variant = text(p.variant);
    return {
      at,
      kind: 'nudge',
      text: `${text(p.nudgeId) ?? 'Nudge'} ${what}`,
      ...(variant ? { detail: `${variant} group` } : {}),
    };
  }
  if (name === '$usage') {
    const limit = typeof p.limit === 'number' ? ` of ${p.limit}` : '';
    return {
      at,
      kind: 'usage',
      text: `${text(p.metric) ?? 'Usage'}: ${String(p.used ?? '?')}${limit} used`,
    };
  }
  if (e.type === 'track') return { at, kind: 'event', text: name || 'track' };
  if (e.type === 'page') return { at, kind: 'event', text: `Viewed ${text(p.path) ?? 'a page'}` };
  if (e.type === 'identify')
    return { at, kind: 'event', text: 'Identified', detail: traitsText(p) };
  if (e.type === 'group') {
    return {
      at,
      kind: 'event',
      text: `Joined account ${e.groupId ?? ''}`.trim(),
      detail: traitsText(p),
    };
  }
  return { at, kind: 'event', text: e.type };
}

/** One of the collector's decisions as a timeline line. */
export function decisionEntry(d: {
  kind: string;
  ref: string | null;
  at: string | null;
}): TimelineEntry {
  switch (d.kind) {
    case 'milestone':
      return { at: d.at, kind: 'milestone', text: `Reached ${d.ref ?? 'a milestone'}` };
    case 'activation':
      return { at: d.at, kind: 'activation', text: 'Reached the aha moment (activated)' };
    case 'pql.qualified':
      return { at: d.at, kind: 'pql', text: `Qualified as ${d.ref ?? 'a'} PQL` };
    case 'pql.unqualified':
      return { at: d.at, kind: 'pql', text: `No longer qualifies as ${d.ref ?? 'a'} PQL` };
    case 'checklist_item':
      return { at: d.at, kind: 'checklist', text: `Checklist item done: ${d.ref ?? ''}` };
    case 'checklist_complete':
      return { at: d.at, kind: 'checklist', text: `Checklist complete: ${d.ref ?? ''}` };
    default:
      return { at: d.at, kind: 'event', text: d.ref ? `${d.kind}: ${d.ref}` : d.kind };
  }
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value ? value : null;
}

function traitsText(traits: Record<string, unknown>): string | undefined {
  const parts = Object.entries(traits)
    .filter(([, v]) => ['string', 'number', 'boolean'].includes(typeof v))
    .slice(0, 4)
    .map(([k, v]) => `${k}: ${String(v)}`);
  return parts.length ? parts.join(' · ') : undefined;
}
