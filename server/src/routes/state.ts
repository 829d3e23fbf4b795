import { Hono } from 'hono';
import type { AhakitConfig } from '../../../core/config/schema';
import { checklistView, pickLocale, type SubjectState } from '../../../core/engine';
import { requireWriteKey, writeKeyOf } from '../auth';
import type { Projector } from '../projection/projector';
import type { Store, SubjectRecord } from '../store/store';

export interface UserState {
  userId: string;
  accountId: string | null;
  locale: string;
  user: SubjectState | null;
  account: SubjectState | null;
  dismissed: Record<string, number>;
  checklists: ReturnType<typeof checklistView>;
}

/** A user's progress as the collector has decided it: milestones, activation, checklists. */
/** What routes read of the projection: its rules, and states saved or not yet. */
export type ProjectionView = Pick<Projector, 'rules' | 'read'>;

export async function readUserState(
  store: Store,
  projection: ProjectionView,
  config: AhakitConfig,
  userId: string,
  requestedLocale: string | undefined,
): Promise<UserState> {
  const accountId = await store.latestAccount(userId);
  const [user, account, profile, accountProfile] = await Promise.all([
    projection.read('user', userId),
    accountId ? projection.read('account', accountId) : Promise.resolve(null),
    store.getUser(userId),
    accountId ? store.getAccount(accountId) : Promise.resolve(null),
  ]);
  const traits = profile?.traits ?? {};
  const locale =
    pickLocale(requestedLocale ?? String(traits.locale ?? ''), config.locales.supported) ??
    config.locales.default;
  const userState = user?.state ?? null;
  const accountState = account?.state ?? null;
  const checklists = userState
    ? checklistView(
        projection.rules,
        {
          traits,
          accountTraits: accountProfile?.traits ?? {},
          user: userState,
          ...(accountState ? { account: accountState } : {}),
        },
        locale,
      )
    : [];
  return {
    userId,
    accountId,
    locale,
    user: userState,
    account: accountState,
    dismissed: (user as SubjectRecord | null)?.prefs.dismissed ?? {},
    checklists,
  };
}

/**
 * `GET /v1/users/:userId/state`: what the widget needs to show a returning user their
 * real progress on a new device. Read with the public write key, like the config.
 */
export function stateRoutes(deps: {
  store: Store;
  projection: ProjectionView;
  config: AhakitConfig;
  writeKey: string;
}): Hono {
  const app = new Hono();
  app.get('/users/:userId/state', async (c) => {
    requireWriteKey(
      writeKeyOf(c.req.header('authorization'), undefined, c.req.query('key')),
      deps.writeKey,
    );
    const state = await readUserState(
      deps.store,
      deps.projection,
      deps.config,
      c.req.param('userId'),
      c.req.query('locale'),
    );
    c.header('Cache-Control', 'no-store');
    return c.json(state);
  });
  return app;
}
