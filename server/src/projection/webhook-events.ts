import type { AhakitConfig } from '../../../core/config/schema';
import { localize } from '../../../core/engine';
import type { SuppressedAnnouncement } from '../store/sqlite-suppressed';
import type { Decision, PqlScoreRow, Store } from '../store/store';
import { type WebhookEvent, webhookEventId } from '../webhooks/events';
import { planDeliveries } from '../webhooks/plan';
import { type HandRaise, handraiseEvents } from './hand-raises';
import { webhookSubjects } from './webhook-subject';

export interface Announcements {
  /** The events to deliver: news. */
  events: WebhookEvent[];
  /** The ones held back, and why. */
  suppressed: SuppressedAnnouncement[];
}

/**
 * The webhook events behind a save: its decisions' milestones reached, activations and
 * PQL qualifications, and its hand-raises, with who it was (email and name from their
 * traits, and their account).
 *
 * Only news is announced: a decision whose event happened longer ago than the horizon
 * (`collector.announceWithinHours`) is history — a replay after a rules change, or a
 * backfill — and one already in the outbox was announced before (event ids are stable for
 * what happened: one per subject and milestone, definition or hand-raise). Both are
 * returned as `suppressed` rather than sent.
 */
export async function webhookEvents(
  store: Store,
  config: AhakitConfig,
  decisions: readonly Decision[],
  handRaises: readonly HandRaise[] = [],
  /** The scores the save writes, newer than the stored ones. */
  scores: readonly PqlScoreRow[] = [],
  now = Date.now(),
): Promise<Announcements> {
  const suppressed: SuppressedAnnouncement[] = [];
  const wanted = new Set(config.webhooks.filter((w) => w.enabled).flatMap((w) => w.events));
  if (wanted.size === 0) return { events: [], suppressed };
  const horizonMs = config.collector.announceWithinHours * 3_600_000;
  const hold = (
    eventType: WebhookEvent['type'],
    eventId: string,
    subjectKind: string,
    subjectId: string,
    ref: string | null,
    occurredAt: number,
    reason: SuppressedAnnouncement['reason'],
  ) =>
    suppressed.push({
      eventId,
      eventType,
      subjectKind,
      subjectId,
      ref,
      occurredAt,
      suppressedAt: now,
      reason,
    });
  // History is held back before anything is looked up for it: a replay stays cheap.
  const stale = (type: WebhookEvent['type'], d: Decision, id: string) => {
    if (now - d.at <= horizonMs) return false;
    hold(type, id, d.subjectKind, d.subjectId, d.ref, d.at, 'stale');
    return true;
  };
  const titles = new Map(
    config.milestones.map((m) => [m.id, localize(m.title, config.locales.default, config.locales)]),
  );
  const subjects = webhookSubjects(store);
  const subjectOf = (d: Decision) => subjects(d.subjectKind, d.subjectId);

  const events: WebhookEvent[] = [];
  for (const d of decisions) {
    if (d.kind === 'milestone' && wanted.has('milestone.reached') && d.ref) {
      const id = webhookEventId('milestone.reached', d.subjectKind, d.subjectId, d.ref);
      if (stale('milestone.reached', d, id)) continue;
      const title = titles.get(d.ref);
      events.push({
        type: 'milestone.reached',
        id,
        occurredAt: d.at,
        data: {
          subject: await subjectOf(d),
          milestone: title ? { id: d.ref, title } : { id: d.ref },
        },
      });
    } else if (d.kind === 'activation' && wanted.has('activation')) {
      const id = webhookEventId('activation', d.subjectKind, d.subjectId);
      if (stale('activation', d, id)) continue;
      const detail = d.detail as { ttvMs?: number };
      events.push({
        type: 'activation',
        id,
        occurredAt: d.at,
        data: {
          subject: await subjectOf(d),
          ...(typeof detail.ttvMs === 'number' ? { timeToValueMs: detail.ttvMs } : {}),
        },
      });
    } else if (d.kind === 'pql.qualified' && wanted.has('pql.qualified') && d.ref) {
      const id = webhookEventId('pql.qualified', d.subjectKind, d.subjectId, d.ref);
      if (stale('pql.qualified', d, id)) continue;
      const detail = d.detail as {
        score: number;
        threshold?: number;
        reasons: { rule: string; label: string; points: number }[];
      };
      events.push({
        type: 'pql.qualified',
        id,
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
    const fresh = handRaises.filter((r) => {
      if (now - r.at <= horizonMs) return true;
      const id = webhookEventId('handraise', 'user', r.userId, r.messageId);
      hold('handraise', id, 'user', r.userId, r.signalId, r.at, 'stale');
      return false;
    });
    events.push(...(await handraiseEvents(store, config, fresh, scores, subjects)));
  }
  // Announced before: every delivery it would make is already in the outbox.
  const news = events.filter((event) => {
    const rows = planDeliveries(config.webhooks, [event]);
    if (rows.length === 0 || rows.some((r) => store.outbox.byKey(r.idempotencyKey) === null))
      return true;
    const subject = event.data.subject;
    hold(
      event.type,
      event.id,
      subject.kind,
      subject.id,
      refOf(event),
      event.occurredAt,
      'announced',
    );
    return false;
  });
  return { events: news, suppressed };
}

function refOf(event: WebhookEvent): string | null {
  switch (event.type) {
    case 'milestone.reached':
      return event.data.milestone.id;
    case 'pql.qualified':
      return event.data.definition;
    case 'handraise':
      return event.data.signal.id;
    default:
      return null;
  }
}
