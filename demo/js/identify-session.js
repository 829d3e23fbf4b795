import { group, identify, usage } from './analytics.js';
import { firstName } from './format.js';
import { locale } from './i18n.js';
import { messageLimitOf } from './plans.js';
import { sessionOf, usedMessages } from './queries.js';

/**
 * Tells ahakit who is here and in which workspace, and how much of the plan they use.
 * Runs after sign-in, after sign-up, on page load of a signed-in user, and after an upgrade.
 */
export function identifySession(state) {
  const session = sessionOf(state);
  if (!session) return;
  const { user, workspace } = session;
  identify(user.id, {
    email: user.email,
    name: user.name,
    firstName: firstName(user.name),
    role: user.role,
    createdAt: user.createdAt,
    plan: workspace.plan,
    // So the onboarding widget speaks the language TeamChat is shown in.
    locale: locale(),
  });
  group(workspace.id, {
    name: workspace.name,
    plan: workspace.plan,
    companySize: workspace.companySize,
    createdAt: workspace.createdAt,
  });
  const limit = messageLimitOf(workspace);
  // A plan without a limit has nothing to report: no usage call, so no stale "near limit".
  if (limit != null) usage('messages', usedMessages(state, workspace.id), limit);
}
