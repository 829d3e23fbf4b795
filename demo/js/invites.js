import { track } from './analytics.js';
import { t } from './i18n.js';
import { findUserByEmail } from './queries.js';
import { checkEmail } from './validate.js';

/**
 * Records an invitation (there is no mail server: the invitee can join from the sign-in
 * page of this browser). Returns `{ email, invitedCount }` or `{ error }`.
 */
export function inviteTeammate(store, { workspaceId, userId, email }) {
  const problem = checkEmail(email, t('invite.error.empty'));
  if (problem) return { error: problem };
  const address = email.trim().toLowerCase();
  const { state } = store;
  const workspace = state.workspaces.find((candidate) => candidate.id === workspaceId);
  const member = findUserByEmail(state, address);
  if (member && workspace.members.includes(member.id)) {
    return { error: t('invite.error.member', { email: address, workspace: workspace.name }) };
  }
  const invite = { email: address, invitedBy: userId, invitedAt: new Date().toISOString() };
  const invites = [...workspace.invites.filter((other) => other.email !== address), invite];
  store.update({
    workspaces: state.workspaces.map((candidate) =>
      candidate.id === workspaceId ? { ...candidate, invites } : candidate,
    ),
  });
  // The invitee's address stays in this browser; analytics only learns how many.
  track('teammate_invited', { invitedCount: invites.length });
  return { email: address, invitedCount: invites.length };
}
