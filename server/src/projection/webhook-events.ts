import type { AhakitConfig } from '../../../core/config/schema';
import { localize } from '../../../core/engine';
import type { Decision, Store } from '../store/store';
import { type WebhookEvent, type WebhookSubject, webhookEventId } from '../webhooks/events';

/**
 * The webhook events behind a save's decisions: milestones reached, activations and PQL
 * qualifications, with who it was (email and name from their traits, and their account).
 * Event ids are stable for what happened, so projecting the same events again enqueues
 * nothing new.
 */
export async function webhookEvents(
  store: Store,
  config: AhakitConfig,
  decisions: readonly Decision[],
): Promise<WebhookEvent[]> {
  const wanted = new Set(config.webhooks.filter((w) => w.enabled).flatMap((w) => w.events));
  if (wanted.size === 0) return [];
  const titles = new Map(
    config.milestones.map((m) => [m.id, localize(m.title, config.locales.default, config.locales)]),
  );
  const subjects = new Map<string, WebhookSubject>();
  const subjectOf = async (d: Decision): Promise<WebhookSubject> => {
    const key = `${d.subjectKind}:${d.subjectId}`;
    const known = subjects.get(key);
    if (known) return known;
    const traits = await store.traitsOf(d.subjectKind, d.subjectId);
    const subject: WebhookSubject = { kind: d.subjectKind, id: d.subjectId };
    if (typeof traits.email === 'string') subject.email = traits.email;
    if (typeof traits.name === 'string') subject.name = traits.name;
    if (d.subjectKind === 'user') {
      const accountId = await store.latestAccount(d.subjectId);
      if (accountId) {
        const accountTraits = await store.traitsOf('account', accountId);
        subject.account =
          typeof accountTraits.name === 'string'
            ? { id: accountId, name: accountTraits.name }
            : { id: accountId };
      }
    }
    subjects.set(key, subject);
    return subject;
  };

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
  return events;
}
