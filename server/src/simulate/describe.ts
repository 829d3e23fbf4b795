import type { AhakitConfig } from '../../../core/config/schema';
import {
  type Change,
  type Decision,
  localize,
  type NudgeRules,
  type NudgeShape,
  type PqlScore,
  type SignalHit,
} from '../../../core/engine';

/** What `simulate` says, in plain words: one sentence per thing that fired. */

/** A milestone, activation or checklist change, in words. */
export function describeChange(
  change: Change,
  what: string,
  milestones: Map<string, AhakitConfig['milestones'][number]>,
  accountId: string | null,
): string {
  const at = (ms: number) => new Date(ms).toISOString();
  const moved = change.moved ? ' (moved earlier by a late event)' : '';
  switch (change.kind) {
    case 'milestone': {
      const m = milestones.get(change.id);
      const why =
        m && 'event' in m
          ? `${m.count} × "${m.event}"${m.where.length ? ` where ${m.where.map((w) => `${w.property} ${w.op} ${JSON.stringify(w.value)}`).join(' and ')}` : ''}${m.within ? ` within ${m.within.days} days of ${m.within.of === 'now' ? 'each other' : 'first seen'}` : ''}`
          : m && 'all' in m
            ? `all of ${m.all.join(', ')}`
            : m && 'any' in m
              ? `any of ${m.any.join(', ')}`
              : '';
      const scope = change.scope === 'account' ? ` for account ${accountId}` : '';
      return `milestone ${change.id} reached${scope} at ${at(change.at)}${moved}: ${why}; completed by ${what}`;
    }
    case 'activation':
      return `activated at ${at(change.at)}${moved}: time to value ${formatDuration(change.ttvMs)}`;
    case 'checklist_item':
      return `checklist ${change.checklistId}: item ${change.itemId} done`;
    case 'checklist_complete':
      return `checklist ${change.checklistId} complete`;
  }
}

export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = minutes / 60;
  if (hours < 48) return `${hours.toFixed(1)} h`;
  return `${(hours / 24).toFixed(1)} days`;
}

/** `signal pricing_viewed (Opened the pricing page): page /pricing`. */
export function describeSignal(hit: SignalHit, config: AhakitConfig): string {
  const signal = (config.signals ?? []).find((s) => s.id === hit.signalId);
  const title = signal?.title
    ? ` (${localize(signal.title, config.locales.default, config.locales)})`
    : '';
  const t = hit.trigger as Record<string, unknown>;
  const why =
    t.type === 'page'
      ? `page ${t.path}`
      : t.type === 'usage'
        ? `${t.metric} at ${t.used} of ${t.limit}, crossed ${Math.round(Number(t.threshold) * 100)}%`
        : t.type === 'click'
          ? `click on ${t.selector}`
          : t.type === 'event'
            ? `event "${t.event}"`
            : t.nudgeId
              ? `"talk to sales" in the ${t.nudgeId} prompt`
              : '"talk to sales"';
  return `hand-raise signal ${hit.signalId}${title}: ${why}`;
}

const REASONS: Record<Decision['ineligible'][number]['reason'], string> = {
  converted: 'the user already reached its goal',
  dont_show_again: 'the user chose "don\'t show again"',
  audience: 'the user is outside its audience',
  max_shows: 'frequency: shown its maxShows times already',
  cooldown: 'frequency: shown or dismissed within its cooldownHours',
  session_budget: 'fatigue: maxPerSession nudges shown this session',
  daily_budget: 'fatigue: maxPerDay nudges shown in 24 hours',
  min_gap: 'fatigue: another nudge shown less than minGapMinutes ago',
};

/** One sentence per triggered nudge: shown, held back, waiting, or suppressed and why. */
export function describeNudge(
  decision: Decision,
  rules: NudgeRules<NudgeShape>,
): { text: string; data: Record<string, unknown> }[] {
  const out: { text: string; data: Record<string, unknown> }[] = [];
  const kind = (id: string) => rules.nudgeById.get(id)?.nudge.kind ?? 'nudge';
  const { pick } = decision;
  if (pick?.kind === 'show') {
    out.push({
      text: `nudge ${pick.nudgeId} (${kind(pick.nudgeId)}) shown`,
      data: { nudgeId: pick.nudgeId, outcome: 'shown' },
    });
  } else if (pick?.kind === 'holdout') {
    const share = rules.nudgeById.get(pick.nudgeId)?.nudge.experiment?.control ?? 0;
    out.push({
      text: `nudge ${pick.nudgeId} (${kind(pick.nudgeId)}) held back: the user is in its experiment's control group (${Math.round(share * 100)}% of users)`,
      data: { nudgeId: pick.nudgeId, outcome: 'held_back' },
    });
  }
  for (const id of decision.eligible) {
    if (id === pick?.nudgeId) continue;
    out.push({
      text: `nudge ${id} (${kind(id)}) waiting: ${pick?.nudgeId} goes first (priority), one nudge at a time`,
      data: { nudgeId: id, outcome: 'waiting', behind: pick?.nudgeId },
    });
  }
  for (const { nudgeId, reason } of decision.ineligible) {
    out.push({
      text: `nudge ${nudgeId} (${kind(nudgeId)}) suppressed: ${REASONS[reason]}`,
      data: { nudgeId, outcome: 'suppressed', reason },
    });
  }
  return out;
}

/** `PQL upsell qualified: score 85 ≥ 70 — Free plan +10, …`. */
export function describeQualified(score: PqlScore): string {
  const reasons = score.reasons.map((r) => `${r.label} +${r.points} (${r.detail})`).join(', ');
  return `PQL ${score.definition} qualified: score ${score.score} ≥ ${score.threshold} — ${reasons}`;
}

/** `PQL upsell no longer qualifies: score 40 < 70; missing: activated`. */
export function describeUnqualified(score: PqlScore): string {
  const missing =
    score.missing.length > 0 ? `; missing: ${score.missing.map((m) => m.label).join(', ')}` : '';
  return `PQL ${score.definition} no longer qualifies: score ${score.score} of ${score.threshold}${missing}`;
}
