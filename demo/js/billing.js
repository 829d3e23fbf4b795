import { track } from './analytics.js';
import { identifySession } from './identify-session.js';

/** The demo's checkout: no card, the workspace simply moves to Pro. */
export function upgradeToPro(store, workspaceId) {
  const { state } = store;
  const workspace = state.workspaces.find((candidate) => candidate.id === workspaceId);
  if (!workspace || workspace.plan === 'pro') return workspace;
  const upgraded = { ...workspace, plan: 'pro', upgradedAt: new Date().toISOString() };
  store.update({
    workspaces: state.workspaces.map((candidate) =>
      candidate.id === workspaceId ? upgraded : candidate,
    ),
  });
  // Traits first, so whatever reacts to the event already sees the new plan.
  identifySession(store.state);
  track('plan_upgraded', { plan: 'pro', from: workspace.plan });
  return upgraded;
}
