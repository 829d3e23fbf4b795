import { track, usage } from './analytics.js';
import { createId } from './ids.js';
import { messageLimitOf } from './plans.js';
import { usedMessages } from './queries.js';

export const MESSAGE_MAX_LENGTH = 4000;

/** Where a workspace stands against its plan's message limit (limit is null when unlimited). */
export function messageUsage(state, workspace) {
  const used = usedMessages(state, workspace.id);
  const limit = messageLimitOf(workspace);
  return {
    used,
    limit,
    remaining: limit == null ? null : Math.max(0, limit - used),
    reached: limit != null && used >= limit,
  };
}

/** Posts a message, or explains why not: `{ message }` or `{ error }`. */
export function sendMessage(store, { workspace, channelId, userId, text }) {
  const body = text.trim();
  if (!body) return { error: 'empty' };
  const before = messageUsage(store.state, workspace);
  if (before.reached) return { error: 'limit' };
  const message = {
    id: createId('msg'),
    workspaceId: workspace.id,
    channelId,
    authorId: userId,
    kind: 'message',
    text: body.slice(0, MESSAGE_MAX_LENGTH),
    createdAt: new Date().toISOString(),
  };
  store.update({ messages: [...store.state.messages, message] });
  const used = before.used + 1;
  track('message_sent', { channelId, length: message.text.length, messageCount: used });
  if (before.limit != null) usage('messages', used, before.limit);
  return { message };
}
