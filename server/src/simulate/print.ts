import type { Simulation } from './simulate';

/**
 * The simulation as a person reads it: one line per thing that fired, in file order,
 * `line N  subject  what (cause)`, then each subject's PQL scores after the last event.
 */
export function printSimulation(sim: Simulation, write: (text: string) => void): void {
  for (const l of sim.lines) write(`line ${l.line}  ${l.subject}  ${l.text}`);
  if (sim.lines.length === 0) write('Nothing fired.');
  if (sim.scores.length > 0) {
    write('');
    write('PQL scores after the last event:');
    for (const s of sim.scores) {
      const first = s.firstQualifiedAt ? `, first qualified ${s.firstQualifiedAt}` : '';
      const verdict = s.qualifies ? 'qualifies' : 'does not qualify';
      write(
        `  ${s.definition}  ${s.kind} ${s.id}  ${s.score} of ${s.threshold}: ${verdict}${first}`,
      );
      for (const r of s.reasons)
        write(`    ${r.points >= 0 ? '+' : ''}${r.points} ${r.label} (${r.detail})`);
      for (const m of s.missing) write(`    required, not met: ${m}`);
    }
  }
}
