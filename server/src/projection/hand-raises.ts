import type { AhakitConfig } from '../../../core/config/schema';
import { localize, SIGNAL_EVENT } from '../../../core/engine';
import type { PqlScoreRow, SeqEvent, Store, SubjectKind } from '../store/store';
import {
  type HandraiseTrigger,
  type WebhookEvent,
  type WebhookSubject,
  webhookEventId,
} from '../webhooks/events';
import { accountRef } from './webhook-subject';

/** A stored `$signal` event, with the user the projection applied it to. */
export interface HandRaise {
  messageId: string;
  userId: string;
  /** The account the event was sent in (`context.groupId`), if any. */
  accountId: string | null;
  anonymousId: string | null;
  signalId: string;
  trigger: HandraiseTrigger;
  at: number;
}

/**
 * The hand-raise a stored event records, if it is a `$signal` with a signal id. Whether
 * it is news worth announcing (recent, not announced before) is `webhookEvents`' call.
 *
 * @example handRaiseOf(row, 'u_ada') // { signalId: 'pricing_viewed', trigger: { type: 'page', path: '/pricing' }, … }
 */
export function handRaiseOf(row: SeqEvent, userId: string): HandRaise | null {
  if (row.type !== 'track' || row.event !== SIGNAL_EVENT) return null;
  const properties = row.payload.properties;
  if (typeof properties !== 'object' || properties === null || Array.isArray(properties))
    return null;
  const p = properties as Record<string, unknown>;
  if (typeof p.signalId !== 'string' || p.signalId === '') return null;
  return {
    messageId: row.messageId,
    userId,
    accountId: row.groupId,
    anonymousId: row.anonymousId,
    signalId: p.signalId,
    trigger: triggerOf(p),
    at: row.timestamp,
  };
}

// The properties come from a browser (or any Segment library): only fields of the
// expected type make it into the webhook.
const TEXT_FIELDS = ['type', 'path', 'metric', 'selector', 'event', 'nudgeId'] as const;
const NUMBER_FIELDS = ['used', 'limit', 'threshold'] as const;

function triggerOf(p: Record<string, unknown>): HandraiseTrigger {
  const trigger: HandraiseTrigger = {};
  for (const key of TEXT_FIELDS) {
    const value = p[key];
    if (typeof value === 'string') trigger[key] = value;
  }
  for (const key of NUMBER_FIELDS) {
    const value = p[key];
    if (typeof value === 'number' && Number.isFinite(value)) trigger[key] = value;
  }
  return trigger;
}

/**
 * One `handraise` webhook event per hand-raise, identified by the stored message, with
 * who raised it (their email and name, the account it happened in) and their PQL scores
 * as of this save: the stored ones, updated by the `scores` the save writes.
 */
export async function handraiseEvents(
  store: Store,
  config: AhakitConfig,
  raises: readonly HandRaise[],
  scores: readonly PqlScoreRow[],
  subjectOf: (kind: SubjectKind, id: string) => Promise<WebhookSubject>,
): Promise<WebhookEvent[]> {
  const { locales } = config;
  const titles = new Map(
    (config.signals ?? []).map((s) => [s.id, localize(s.title, locales.default, locales)]),
  );
  const scoring = config.pql.length > 0;
  const scoresCache = new Map<string, ScoreView[]>();
  const scoresOf = async (kind: SubjectKind, id: string): Promise<ScoreView[]> => {
    const key = `${kind}:${id}`;
    const cached = scoresCache.get(key);
    if (cached) return cached;
    const byDefinition = new Map(
      (await store.pqlScoresOf(kind, id)).map((row) => [row.definition, row]),
    );
    for (const row of scores) {
      if (row.kind === kind && row.id === id) byDefinition.set(row.definition, row);
    }
    const view = [...byDefinition.values()]
      .sort((a, b) => a.definition.localeCompare(b.definition))
      .map(({ definition, score, qualifies }) => ({ definition, kind, score, qualifies }));
    scoresCache.set(key, view);
    return view;
  };

  const events: WebhookEvent[] = [];
  for (const raise of raises) {
    let subject = await subjectOf('user', raise.userId);
    // The account the hand-raise happened in, rather than the one acted in last.
    if (raise.accountId && raise.accountId !== subject.account?.id) {
      subject = { ...subject, account: await accountRef(store, raise.accountId) };
    }
    const accountId = subject.account?.id;
    const title = titles.get(raise.signalId);
    events.push({
      type: 'handraise',
      id: webhookEventId('handraise', 'user', raise.userId, raise.messageId),
      occurredAt: raise.at,
      data: {
        subject,
        signal: title ? { id: raise.signalId, title } : { id: raise.signalId },
        trigger: raise.trigger,
        ...(raise.anonymousId ? { anonymousId: raise.anonymousId } : {}),
        scores: scoring
          ? [
              ...(await scoresOf('user', raise.userId)),
              ...(accountId ? await scoresOf('account', accountId) : []),
            ]
          : [],
      },
    });
  }
  return events;
}

interface ScoreView {
  definition: string;
  kind: SubjectKind;
  score: number;
  qualifies: boolean;
}
