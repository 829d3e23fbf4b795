import { Hono } from 'hono';
import type { AhakitConfig } from '../../../core/config/schema';
import { compilePql, reasonsAt } from '../../../core/engine';
import { requireAdminKey } from '../auth';
import { AppError } from '../errors';
import { missingConditions } from '../projection/missing-conditions';
import type { PqlScoreRow, Store, StoredEvent } from '../store/store';
import { adminMetricsRoutes } from './admin-metrics';
import { adminPqlRoutes } from './admin-pqls';
import { type ProjectionView, readUserState } from './state';

interface AdminDeps {
  store: Store;
  adminKey: string;
  projection: ProjectionView;
  config: AhakitConfig;
  now?: (() => number) | undefined;
}

const TIMELINE_LIMIT = 200;

/** Everything that reads data, behind the secret admin key. */
export function adminRoutes({ store, adminKey, projection, config, now }: AdminDeps): Hono {
  const app = new Hono();
  const pql = compilePql(config);
  app.use('*', async (c, next) => {
    requireAdminKey(c.req.header('authorization'), adminKey);
    await next();
  });

  app.route('/', adminPqlRoutes(store, config));
  app.route('/', adminMetricsRoutes(store, config, now ?? Date.now));

  app.get('/users/:userId', async (c) => {
    const userId = c.req.param('userId');
    const [profile, timeline, progress, decisions, pqls, missing] = await Promise.all([
      store.getUser(userId),
      store.userTimeline(userId, limitOf(c.req.query('limit'))),
      readUserState(store, projection, config, userId, c.req.query('locale')),
      store.decisionsOf('user', userId, 200),
      store.pqlScoresOf('user', userId),
      missingConditions(store, pql, projection, 'user', userId, Date.now()),
    ]);
    if (!profile && timeline.length === 0) {
      throw new AppError(404, 'not_found', `No user "${userId}" has been seen.`);
    }
    const firstSeen = progress.user?.firstSeen ?? null;
    const activatedAt = progress.user?.activatedAt ?? null;
    return c.json({
      userId,
      activatedAt: iso(activatedAt ?? undefined),
      timeToValueMs: activatedAt !== null && firstSeen !== null ? activatedAt - firstSeen : null,
      milestones: reachedList(progress.user?.reached, 'user'),
      accountMilestones: reachedList(progress.account?.reached, 'account'),
      checklists: progress.checklists,
      pql: pqls.map((p) => scoreView(p, missing)),
      decisions: decisions.map((d) => ({ kind: d.kind, ref: d.ref, at: iso(d.at) })),
      traits: profile?.traits ?? {},
      anonymousIds: profile?.anonymousIds ?? [],
      accountIds: profile?.accountIds ?? [],
      // Event time, over every event the projection applied (the profile's own times
      // follow identify calls only).
      ...seen(progress.user, profile),
      timeline: timeline.map(timelineEntry),
    });
  });

  app.get('/accounts/:accountId', async (c) => {
    const accountId = c.req.param('accountId');
    const [profile, timeline, state, pqls, missing] = await Promise.all([
      store.getAccount(accountId),
      store.accountTimeline(accountId, limitOf(c.req.query('limit'))),
      projection.read('account', accountId),
      store.pqlScoresOf('account', accountId),
      missingConditions(store, pql, projection, 'account', accountId, Date.now()),
    ]);
    if (!profile && timeline.length === 0) {
      throw new AppError(404, 'not_found', `No account "${accountId}" has been seen.`);
    }
    return c.json({
      accountId,
      milestones: reachedList(state?.state.reached, 'account'),
      pql: pqls.map((p) => scoreView(p, missing)),
      traits: profile?.traits ?? {},
      userIds: profile?.userIds ?? [],
      ...seen(state?.state, profile),
      timeline: timeline.map(timelineEntry),
    });
  });

  return app;
}

function scoreView(p: PqlScoreRow, missing: Record<string, string[]>) {
  return {
    definition: p.definition,
    score: p.score,
    qualifies: p.qualifies,
    /** The required conditions not met now, in words. */
    missing: p.qualifies ? [] : (missing[p.definition] ?? []),
    firstQualifiedAt: iso(p.firstQualifiedAt ?? undefined),
    reasons: reasonsAt(p.reasons, Date.now()),
  };
}

/** When a subject was first and last seen, in event time, from its state or its profile. */
function seen(
  state: { firstSeen: number | null; lastSeen: number | null } | null | undefined,
  profile: { firstSeen: number; lastSeen: number } | null,
) {
  const first = [state?.firstSeen, profile?.firstSeen].filter((t) => typeof t === 'number');
  const last = [state?.lastSeen, profile?.lastSeen].filter((t) => typeof t === 'number');
  return {
    firstSeen: first.length > 0 ? iso(Math.min(...first)) : null,
    lastSeen: last.length > 0 ? iso(Math.max(...last)) : null,
  };
}

function timelineEntry({ payload, timestamp, receivedAt, ...event }: StoredEvent) {
  return {
    ...event,
    timestamp: iso(timestamp),
    receivedAt: iso(receivedAt),
    properties: payload.properties ?? payload.traits ?? {},
  };
}

function reachedList(reached: Readonly<Record<string, number>> | undefined, scope: string) {
  return Object.entries(reached ?? {})
    .sort((a, b) => a[1] - b[1])
    .map(([id, at]) => ({ id, scope, reachedAt: iso(at) }));
}

function limitOf(text: string | undefined): number {
  const n = Number(text);
  return Number.isInteger(n) && n > 0 ? Math.min(n, 1000) : TIMELINE_LIMIT;
}

function iso(ms: number | undefined): string | null {
  return ms === undefined ? null : new Date(ms).toISOString();
}
