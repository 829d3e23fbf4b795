import { track } from './analytics.js';
import { t } from './i18n.js';
import { createId } from './ids.js';
import { channelByName } from './queries.js';

export const CHANNEL_NAME_MAX = 80;

/** Slack's rules: lowercase, no spaces or periods; "Q3 Launch" becomes "q3-launch". */
export function normalizeChannelName(raw) {
  return raw
    .trim()
    .toLowerCase()
    .replace(/^#+/, '')
    .replace(/[\s.]+/g, '-')
    .replace(/[^\p{L}\p{N}_-]/gu, '')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, CHANNEL_NAME_MAX);
}

/** Creates a channel, or explains why not: `{ channel }` or `{ error }`. */
export function createChannel(store, { workspaceId, userId, name, description = '' }) {
  if (!name.trim()) return { error: t('addChannel.error.empty') };
  const normalized = normalizeChannelName(name);
  if (!normalized) return { error: t('addChannel.error.invalid') };
  if (channelByName(store.state, workspaceId, normalized)) {
    return { error: t('addChannel.error.taken', { channel: `#${normalized}` }) };
  }
  const channel = {
    id: createId('ch'),
    workspaceId,
    name: normalized,
    description: description.trim(),
    createdAt: new Date().toISOString(),
    createdBy: userId,
  };
  store.update({ channels: [...store.state.channels, channel] });
  track('channel_created', { channelId: channel.id, name: channel.name });
  return { channel };
}
