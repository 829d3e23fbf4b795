import { Hono } from 'hono';
import type { AhakitConfig } from '../../../core/config/schema';
import { checklistView, pickLocale, type SubjectState } from '../../../core/engine';
import { requireWriteKey, writeKeyOf } from '../auth';
import { AppError } from '../errors';
import { verifyUserHash } from '../identity';
import type { Projector } from '../projection/projector';
import type { RateLimit } from '../rate-limit';
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
 * What the write key reads of a user without identity verification: their own progress
 * (milestones reached, activation, dismissed checklists), and an account's only when the
 * caller names it and the user belongs to it. No traits, and nothing computed from them
 * (checklist audiences), so the answer is no oracle on anyone's traits.
 */
export type PublicUserState = Pick<UserState, 'userId' | 'locale' | 'user' | 'dismissed'> &
  Partial<Pick<UserState, 'accountId' | 'account'>>;

/**
 * `GET /v1/users/:userId/state`: what the widget needs to show a returning user their
 * real progress on a new device. Read with the public write key, like the config. With
 * `AHAKIT_IDENTITY_SECRET` set, it answers only with the user's `?userHash=`, and then in
 * full (account and checklists too); without it, only `PublicUserState`.
 */
export function stateRoutes(deps: {
  store: Store;
  projection: ProjectionView;
  config: AhakitConfig;
  writeKey: string;
  identitySecret?: string | null | undefined;
  rateLimit?: RateLimit | undefined;
}): Hono {
  const app = new Hono();
  app.get('/users/:userId/state', async (c) => {
    requireWriteKey(
      writeKeyOf(c.req.header('authorization'), undefined, c.req.query('key')),
      deps.writeKey,
    );
    await deps.rateLimit?.(c, 1);
    const userId = c.req.param('userId');
    const { identitySecret } = deps;
    if (identitySecret && !verifyUserHash(identitySecret, userId, c.req.query('userHash'))) {
      throw new AppError(
        403,
        'unverified_user',
        "Identity verification is on: send the user's userHash (HMAC-SHA256 of the user id under AHAKIT_IDENTITY_SECRET) as ?userHash=.",
      );
    }
    const state = await readUserState(
      deps.store,
      deps.projection,
      deps.config,
      userId,
      c.req.query('locale'),
    );
    c.header('Cache-Control', 'no-store');
    if (identitySecret) return c.json(state);
    const answer: PublicUserState = {
      userId: state.userId,
      locale: state.locale,
      user: state.user,
      dismissed: state.dismissed,
    };
    const accountId = c.req.query('account');
    if (accountId && (await deps.store.accountsOf(userId)).includes(accountId)) {
      answer.accountId = accountId;
      answer.account = (await deps.projection.read('account', accountId))?.state ?? null;
    }
    return c.json(answer);
  });
  return app;
}
