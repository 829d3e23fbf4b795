import type { Format } from '../format';
import type { PqlDefinition, SubjectScore } from '../types';
import { Reasons } from './Reasons';

/** A subject's score under each PQL definition, with the reasons. */
export function Scores(props: {
  scores: SubjectScore[];
  definitions: PqlDefinition[];
  fmt: Format;
}) {
  const { scores, definitions, fmt } = props;
  if (scores.length === 0) return <p class="muted">Not scored by any PQL definition yet.</p>;
  return (
    <ul class="scores">
      {scores.map((s) => {
        const def = definitions.find((d) => d.id === s.definition);
        return (
          <li key={s.definition} class="score-card">
            <div class="score-head">
              <span class="score-title">{def?.title ?? s.definition}</span>
              <span class={`pill${s.qualifies ? ' pill-good' : ''}`}>
                {s.qualifies
                  ? 'Qualifies'
                  : s.missing?.length
                    ? 'A required condition is not met'
                    : 'Below threshold'}
              </span>
            </div>
            <p class="score-figure">
              <span class="score-number">{fmt.count(s.score)}</span> points
              {def ? ` of ${fmt.count(def.threshold)} needed` : ''}
              {s.firstQualifiedAt && (
                <span class="sub">First qualified {fmt.dateTime(s.firstQualifiedAt)}</span>
              )}
            </p>
            {!s.qualifies && s.missing && s.missing.length > 0 && (
              <p class="score-missing">Required, not met: {s.missing.join('; ')}</p>
            )}
            <Reasons reasons={s.reasons} fmt={fmt} />
          </li>
        );
      })}
    </ul>
  );
}
