import { t } from './i18n.js';

/**
 * The texts TeamChat itself writes into a workspace: the bot's welcome, #general's
 * description and "joined" notes. They are stored with a template name and rendered in
 * the reader's language, so a teammate who reads Turkish does not get the founder's Polish.
 * Older records without a template show their stored text.
 */

export const GENERAL = 'general';

/** The bot's welcome in #general. */
export function welcomeText({ firstName, workspace, limit }) {
  return [
    t('welcome.greeting', { name: firstName }),
    '',
    t('welcome.general', { workspace }),
    t('welcome.channels'),
    t('welcome.invite'),
    t('welcome.hello'),
    '',
    t('welcome.plan', { count: limit }),
  ].join('\n');
}

/** A message's text as the reader should see it. */
export function messageText(message) {
  if (message.template === 'welcome' && message.params) return welcomeText(message.params);
  if (message.kind === 'join') return t('messages.joined', { channel: `#${GENERAL}` });
  return message.text;
}

/** A channel's description; #general's is written by TeamChat. */
export function channelDescription(channel, workspace) {
  if (channel.template === GENERAL && workspace) {
    return t('channel.generalDescription', { workspace: workspace.name });
  }
  return channel.description;
}
