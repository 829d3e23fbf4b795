import { reset, track } from './analytics.js';
import { firstName } from './format.js';
import { locale, t } from './i18n.js';
import { identifySession } from './identify-session.js';
import { createId } from './ids.js';
import { PLANS } from './plans.js';
import { BOT, channelByName, findUserByEmail } from './queries.js';
import { GENERAL, welcomeText } from './system-texts.js';

/** Signing in, up and out. There is no real auth: the demo trusts whoever uses this browser. */

// Values are plain ASCII, so config conditions are easy to type ("51-200"); labels are
// written the reader's way ("1–10", "١–١٠").
const COMPANY_SIZES = [
  ['1-10', 1, 10],
  ['11-50', 11, 50],
  ['51-200', 51, 200],
  ['201+', 201, null],
];

export function companySizes() {
  const numbers = new Intl.NumberFormat(locale());
  return COMPANY_SIZES.map(([value, from, to]) => ({
    value,
    label: to == null ? t('companySize.more', { count: from }) : numbers.formatRange(from, to),
  }));
}

// The values stay English: they are what the role trait and config conditions compare.
const ROLES = {
  Founder: 'role.founder',
  Engineer: 'role.engineer',
  'Product manager': 'role.productManager',
  Designer: 'role.designer',
  Other: 'role.other',
};

export function roles() {
  return Object.entries(ROLES).map(([value, key]) => ({ value, label: t(key) }));
}

/** A stored role in the reader's language; a role TeamChat does not know stays as is. */
export function roleLabel(role) {
  return ROLES[role] ? t(ROLES[role]) : role;
}

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
    name: GENERAL,
    template: GENERAL,
    description: t('channel.generalDescription', { workspace: workspace.name }),
    createdAt: now,
    createdBy: user.id,
  };
  const welcomeParams = {
    firstName: firstName(user.name),
    workspace: workspace.name,
    limit: PLANS.free.messageLimit,
  };
  const welcome = {
    id: createId('msg'),
    workspaceId: workspace.id,
    channelId: general.id,
    authorId: BOT.id,
    kind: 'bot',
    template: 'welcome',
    params: welcomeParams,
    text: welcomeText(welcomeParams),
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
    const general = channelByName(state, workspace.id, GENERAL);
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
