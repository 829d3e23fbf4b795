import type { Format } from '../format';
import type { Reached } from '../types';

/** Milestones reached, in the order they were reached. */
export function Milestones({ milestones, fmt }: { milestones: Reached[]; fmt: Format }) {
  if (milestones.length === 0) return <p class="muted">No milestone reached yet.</p>;
  return (
    <table class="data compact">
      <thead>
        <tr>
          <th scope="col">Milestone</th>
          <th scope="col">For</th>
          <th scope="col">Reached</th>
        </tr>
      </thead>
      <tbody>
        {milestones.map((m) => (
          <tr key={`${m.scope}:${m.id}`}>
            <th scope="row">{m.id}</th>
            <td>{m.scope === 'account' ? 'Account' : 'User'}</td>
            <td>{fmt.dateTime(m.reachedAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
