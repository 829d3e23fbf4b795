/** Read-only questions about the store's state. Nothing here writes or tracks. */

export const BOT = { id: 'teamchat-bot', name: 'TeamChat bot', bot: true };

/** The signed-in user and their workspace, or null when nobody is (validly) signed in. */
export function sessionOf(state) {
  const { userId, workspaceId } = state.session ?? {};
  const user = state.users.find((candidate) => candidate.id === userId);
  const workspace = state.workspaces.find((candidate) => candidate.id === workspaceId);
  if (!user || !workspace?.members.includes(user.id)) return null;
  return { user, workspace };
}

export function findUserByEmail(state, email) {
  const wanted = email.trim().toLowerCase();
  return state.users.find((user) => user.email.toLowerCase() === wanted) ?? null;
}

export function authorOf(state, message) {
  if (message.authorId === BOT.id) return BOT;
  return (
    state.users.find((user) => user.id === message.authorId) ?? { id: null, name: 'Former member' }
  );
}

export function membersOf(state, workspace) {
  return workspace.members.map((id) => state.users.find((user) => user.id === id)).filter(Boolean);
}

/** Channels of a workspace, alphabetically, the way Slack's sidebar lists them. */
export function channelsOf(state, workspaceId) {
  return state.channels
    .filter((channel) => channel.workspaceId === workspaceId)
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function channelByName(state, workspaceId, name) {
  return (
    state.channels.find(
      (channel) => channel.workspaceId === workspaceId && channel.name === name,
    ) ?? null
  );
}

export function messagesIn(state, channelId) {
  return state.messages
    .filter((message) => message.channelId === channelId)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** Messages that count toward the plan's limit: the ones members wrote, not bot or join notes. */
export function usedMessages(state, workspaceId) {
  return state.messages.filter(
    (message) => message.workspaceId === workspaceId && message.kind === 'message',
  ).length;
}
