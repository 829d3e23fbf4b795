import type { AhakitConfig } from '../../../core/config/schema';
import { localize } from '../../../core/engine';
import type { Decision, PqlScoreRow, Store } from '../store/store';
import { type WebhookEvent, webhookEventId } from '../webhooks/events';
import { type HandRaise, handraiseEvents } from './hand-raises';
import { webhookSubjects } from './webhook-subject';

/**
 * The webhook events behind a save: its decisions' milestones reached, activations and
 * PQL qualifications, and its hand-raises, with who it was (email and name from their
 * traits, and their account). Event ids are stable for what happened, so projecting the
 * same events again enqueues nothing new.
 */
export async function webhookEvents(
  store: Store,
  config: AhakitConfig,
  decisions: readonly Decision[],
  handRaises: readonly HandRaise[] = [],
  /** The scores the save writes, newer than the stored ones. */
  scores: readonly PqlScoreRow[] = [],
): Promise<WebhookEvent[]> {
  const wanted = new Set(config.webhooks.filter((w) => w.enabled).flatMap((w) => w.events));
  if (wanted.size === 0) return [];
  const titles = new Map(
    config.milestones.map((m) => [m.id, localize(m.title, config.locales.default, config.locales)]),
  );
  const subjects = webhookSubjects(store);
  const subjectOf = (d: Decision) => subjects(d.subjectKind, d.subjectId);

  const events: WebhookEvent[] = [];
  for (const d of decisions) {
    if (d.kind === 'milestone' && wanted.has('milestone.reached') && d.ref) {
      const title = titles.get(d.ref);
      events.push({
        type: 'milestone.reached',
        id: webhookEventId('milestone.reached', d.subjectKind, d.subjectId, d.ref),
        occurredAt: d.at,
        data: {
          subject: await subjectOf(d),
          milestone: title ? { id: d.ref, title } : { id: d.ref },
        },
      });
    } else if (d.kind === 'activation' && wanted.has('activation')) {
      const detail = d.detail as { ttvMs?: number };
      events.push({
        type: 'activation',
        id: webhookEventId('activation', d.subjectKind, d.subjectId),
        occurredAt: d.at,
        data: {
          subject: await subjectOf(d),
          ...(typeof detail.ttvMs === 'number' ? { timeToValueMs: detail.ttvMs } : {}),
        },
      });
    } else if (d.kind === 'pql.qualified' && wanted.has('pql.qualified') && d.ref) {
      const detail = d.detail as {
        score: number;
        threshold?: number;
        reasons: { rule: string; label: string; points: number }[];
      };
      events.push({
        type: 'pql.qualified',
        id: webhookEventId('pql.qualified', d.subjectKind, d.subjectId, d.ref),
        occurredAt: d.at,
        data: {
          subject: await subjectOf(d),
          definition: d.ref,
          score: detail.score,
          ...(detail.threshold === undefined ? {} : { threshold: detail.threshold }),
          reasons: detail.reasons.map(({ rule, label, points }) => ({ rule, label, points })),
        },
      });
    }
  }
  if (wanted.has('handraise') && handRaises.length > 0) {
    events.push(...(await handraiseEvents(store, config, handRaises, scores, subjects)));
  }
  return events;
}
