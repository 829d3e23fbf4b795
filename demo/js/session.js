import { reset, track } from './analytics.js';
import { firstName } from './format.js';
import { identifySession } from './identify-session.js';
import { createId } from './ids.js';
import { PLANS } from './plans.js';
import { BOT, channelByName, findUserByEmail } from './queries.js';

/** Signing in, up and out. There is no real auth: the demo trusts whoever uses this browser. */

// Values are plain ASCII, so config conditions are easy to type ("51-200"); labels read well.
export const COMPANY_SIZES = [
  { value: '1-10', label: '1–10' },
  { value: '11-50', label: '11–50' },
  { value: '51-200', label: '51–200' },
  { value: '201+', label: '201+' },
];
export const ROLES = ['Founder', 'Engineer', 'Product manager', 'Designer', 'Other'];

/** The user with this email, created or refreshed with the latest name (and role, if given). */
function upsertUser(users, { name, email, role }, now) {
  const existing = findUserByEmail({ users }, email);
  if (existing) {
    const user = { ...existing, name: name.trim(), role: role || existing.role };
    return { user, users: users.map((candidate) => (candidate === existing ? user : candidate)) };
  }
  const user = {
    id: createId('usr'),
    name: name.trim(),
    email: email.trim().toLowerCase(),
    role: role || undefined,
    createdAt: now,
  };
  return { user, users: [...users, user] };
}

function welcomeText(user, workspace) {
  return [
    `Welcome to TeamChat, ${firstName(user.name)}! 👋`,
    '',
    `This is #general, the one channel everyone at ${workspace.name} is in. A few ways to get going:`,
    '• Create a channel for a project, a team or a topic with “Add channel” in the sidebar',
    '• Invite your teammates, so you are not talking to yourself',
    '• Say hello below: Enter sends, Shift + Enter starts a new line',
    '',
    `Your workspace is on the Free plan, which includes ${PLANS.free.messageLimit} messages.`,
  ].join('\n');
}

/** Sign-up: a new workspace with #general and a welcome from the bot. */
export function createWorkspace(store, { name, email, workspaceName, companySize, role }) {
  const now = new Date().toISOString();
  const { user, users } = upsertUser(store.state.users, { name, email, role }, now);
  const workspace = {
    id: createId('ws'),
    name: workspaceName.trim(),
    plan: 'free',
    companySize,
    createdAt: now,
    createdBy: user.id,
    members: [user.id],
    invites: [],
  };
  const general = {
    id: createId('ch'),
    workspaceId: workspace.id,
    name: 'general',
    description: `Announcements and conversation for everyone at ${workspace.name}.`,
    createdAt: now,
    createdBy: user.id,
  };
  const welcome = {
    id: createId('msg'),
    workspaceId: workspace.id,
    channelId: general.id,
    authorId: BOT.id,
    kind: 'bot',
    text: welcomeText(user, workspace),
    createdAt: now,
  };
  const { state } = store;
  store.update({
    users,
    workspaces: [...state.workspaces, workspace],
    channels: [...state.channels, general],
    messages: [...state.messages, welcome],
    session: { userId: user.id, workspaceId: workspace.id },
  });
  identifySession(store.state);
  track('workspace_created', { workspaceId: workspace.id, companySize });
  return { user, workspace };
}

/** Sign-in to a workspace already in this browser; a newcomer becomes a member. */
export function joinWorkspace(store, { name, email, workspaceId }) {
  const now = new Date().toISOString();
  const { state } = store;
  const { user, users } = upsertUser(state.users, { name, email }, now);
  let workspace = state.workspaces.find((candidate) => candidate.id === workspaceId);
  if (!workspace) return null;
  let { workspaces, messages } = state;
  if (!workspace.members.includes(user.id)) {
    workspace = { ...workspace, members: [...workspace.members, user.id] };
    workspaces = workspaces.map((candidate) =>
      candidate.id === workspace.id ? workspace : candidate,
    );
    const general = channelByName(state, workspace.id, 'general');
    if (general) {
      const joined = {
        id: createId('msg'),
        workspaceId: workspace.id,
        channelId: general.id,
        authorId: user.id,
        kind: 'join',
        text: 'joined #general.',
        createdAt: now,
      };
      messages = [...messages, joined];
    }
  }
  store.update({
    users,
    workspaces,
    messages,
    session: { userId: user.id, workspaceId: workspace.id },
  });
  identifySession(store.state);
  return { user, workspace };
}

export function signOut(store) {
  store.update({ session: null });
  reset();
}
