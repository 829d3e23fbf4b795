import type { Format } from '../format';
import type { Reason } from '../types';

/** Why a subject scored what it did: each rule's label and points, as a list. */
export function Reasons({ reasons, fmt }: { reasons: Reason[]; fmt: Format }) {
  if (reasons.length === 0) return <span class="muted">No points yet</span>;
  return (
    <ul class="reasons">
      {reasons.map((r, i) => {
        const points = r.points ?? 0;
        return (
          <li
            key={r.key ?? i}
            class={`reason reason-${r.rule ?? 'other'}${points < 0 ? ' reason-negative' : ''}`}
            title={r.detail}
          >
            <span class="reason-label">{r.label || r.key || 'Rule'}</span>{' '}
            <span class="reason-points">{fmt.signed(points)}</span>
          </li>
        );
      })}
    </ul>
  );
}
