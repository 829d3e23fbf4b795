import { t } from '../i18n.js';
import { planLabel, planOf } from '../plans.js';

/** "3 members · Free plan", under a workspace's name. */
export function workspaceMeta(workspace) {
  return t('auth.workspaceMeta', {
    members: t('count.members', { count: workspace.members.length }),
    plan: planLabel(planOf(workspace)),
  });
}
