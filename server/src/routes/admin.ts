import { Hono } from 'hono';
import { requireAdminKey } from '../auth';
import { AppError } from '../errors';
import type { Store } from '../store/store';

const TIMELINE_LIMIT = 200;

/** Everything that reads data, behind the secret admin key. */
export function adminRoutes(store: Store, adminKey: string): Hono {
  const app = new Hono();
  app.use('*', async (c, next) => {
    requireAdminKey(c.req.header('authorization'), adminKey);
    await next();
  });

  app.get('/users/:userId', async (c) => {
    const userId = c.req.param('userId');
    const [profile, timeline] = await Promise.all([
      store.getUser(userId),
      store.userTimeline(userId, limitOf(c.req.query('limit'))),
    ]);
    if (!profile && timeline.length === 0) {
      throw new AppError(404, 'not_found', `No user "${userId}" has been seen.`);
    }
    return c.json({
      userId,
      traits: profile?.traits ?? {},
      anonymousIds: profile?.anonymousIds ?? [],
      accountIds: profile?.accountIds ?? [],
      firstSeen: iso(profile?.firstSeen),
      lastSeen: iso(profile?.lastSeen),
      timeline: timeline.map(({ payload, timestamp, receivedAt, ...event }) => ({
        ...event,
        timestamp: iso(timestamp),
        receivedAt: iso(receivedAt),
        properties: payload.properties ?? payload.traits ?? {},
      })),
    });
  });

  app.get('/accounts/:accountId', async (c) => {
    const accountId = c.req.param('accountId');
    const [profile, timeline] = await Promise.all([
      store.getAccount(accountId),
      store.accountTimeline(accountId, limitOf(c.req.query('limit'))),
    ]);
    if (!profile && timeline.length === 0) {
      throw new AppError(404, 'not_found', `No account "${accountId}" has been seen.`);
    }
    return c.json({
      accountId,
      traits: profile?.traits ?? {},
      userIds: profile?.userIds ?? [],
      firstSeen: iso(profile?.firstSeen),
      lastSeen: iso(profile?.lastSeen),
      timeline: timeline.map(({ payload, timestamp, receivedAt, ...event }) => ({
        ...event,
        timestamp: iso(timestamp),
        receivedAt: iso(receivedAt),
        properties: payload.properties ?? payload.traits ?? {},
      })),
    });
  });

  return app;
}

function limitOf(text: string | undefined): number {
  const n = Number(text);
  return Number.isInteger(n) && n > 0 ? Math.min(n, 1000) : TIMELINE_LIMIT;
}

function iso(ms: number | undefined): string | null {
  return ms === undefined ? null : new Date(ms).toISOString();
}
