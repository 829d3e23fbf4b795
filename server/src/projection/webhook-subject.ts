import type { Store, SubjectKind } from '../store/store';
import type { WebhookSubject } from '../webhooks/events';

/**
 * Who a webhook event is about, as a receiver wants it: the id, the email and name from
 * their traits, and a user's account (the one they acted in most recently, with its
 * name). Looked up once per subject for one save.
 */
export function webhookSubjects(
  store: Store,
): (kind: SubjectKind, id: string) => Promise<WebhookSubject> {
  const subjects = new Map<string, WebhookSubject>();
  return async (kind, id) => {
    const key = `${kind}:${id}`;
    const known = subjects.get(key);
    if (known) return known;
    const traits = await store.traitsOf(kind, id);
    const subject: WebhookSubject = { kind, id };
    if (typeof traits.email === 'string') subject.email = traits.email;
    if (typeof traits.name === 'string') subject.name = traits.name;
    if (kind === 'user') {
      const accountId = await store.latestAccount(id);
      if (accountId) subject.account = await accountRef(store, accountId);
    }
    subjects.set(key, subject);
    return subject;
  };
}

/** An account as a webhook event names it: its id, and its name when its traits have one. */
export async function accountRef(
  store: Store,
  accountId: string,
): Promise<NonNullable<WebhookSubject['account']>> {
  const traits = await store.traitsOf('account', accountId);
  return typeof traits.name === 'string' ? { id: accountId, name: traits.name } : { id: accountId };
}
