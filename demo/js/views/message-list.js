import { avatar } from '../avatar.js';
import { h } from '../dom.js';
import {
  formatDay,
  formatFullDate,
  formatLongDate,
  formatShortTime,
  formatTime,
  isSameDay,
} from '../format.js';
import { t } from '../i18n.js';
import { authorOf, messagesIn, sessionOf } from '../queries.js';
import { channelDescription, messageText } from '../system-texts.js';

// Messages by the same person within five minutes read as one block, as in Slack.
const GROUP_WINDOW_MS = 5 * 60 * 1000;
const URL_PATTERN = /(https?:\/\/[^\s<]+[^\s<.,;:!?)\]'"])/g;

/** Message text with web addresses turned into links; everything else stays plain text. */
function richText(text) {
  return text
    .split(URL_PATTERN)
    .map((part, index) =>
      index % 2 === 1
        ? h('a', { href: part, target: '_blank', rel: 'noopener noreferrer' }, part)
        : part,
    );
}

/** The bot and former members are named in the reader's language; people by their name. */
function nameOf(author) {
  if (author.bot) return t('messages.bot');
  return author.id == null ? t('messages.formerMember') : author.name;
}

function startsGroup(message, previous) {
  if (!previous || message.kind !== 'message' || previous.kind !== 'message') return true;
  if (message.authorId !== previous.authorId) return true;
  return new Date(message.createdAt) - new Date(previous.createdAt) > GROUP_WINDOW_MS;
}

function timeElement(iso, className = 'message-time', hidden = false) {
  return h(
    'time',
    {
      class: className,
      datetime: iso,
      title: formatFullDate(iso),
      'aria-hidden': hidden ? 'true' : null,
    },
    formatTime(iso),
  );
}

function messageItem(state, message, previous) {
  const author = authorOf(state, message);
  if (message.kind === 'join') {
    return h(
      'li',
      { class: 'message message-system' },
      avatar(author, { size: 'md' }),
      h(
        'div',
        { class: 'message-body' },
        h(
          'p',
          { class: 'message-meta' },
          h('span', { class: 'message-author' }, nameOf(author)),
          timeElement(message.createdAt),
        ),
        h('p', { class: 'message-text muted' }, messageText(message)),
      ),
    );
  }
  if (!startsGroup(message, previous)) {
    return h(
      'li',
      { class: 'message message-continued' },
      h(
        'time',
        {
          class: 'message-time message-time-side',
          datetime: message.createdAt,
          'aria-hidden': 'true',
        },
        formatShortTime(message.createdAt),
      ),
      h(
        'div',
        { class: 'message-body' },
        h(
          'span',
          { class: 'visually-hidden' },
          t('messages.continued', { author: nameOf(author), time: formatTime(message.createdAt) }),
        ),
        h('p', { class: 'message-text', dir: 'auto' }, richText(message.text)),
      ),
    );
  }
  return h(
    'li',
    { class: 'message' },
    avatar(author, { size: 'md' }),
    h(
      'div',
      { class: 'message-body' },
      h(
        'p',
        { class: 'message-meta' },
        h('span', { class: 'message-author' }, nameOf(author)),
        author.bot ? h('span', { class: 'app-badge' }, t('messages.app')) : null,
        timeElement(message.createdAt),
      ),
      h('p', { class: 'message-text', dir: 'auto' }, richText(messageText(message))),
    ),
  );
}

function channelIntro(state, channel, isEmpty) {
  const creator = state.users.find((user) => user.id === channel.createdBy);
  const date = formatLongDate(channel.createdAt);
  const description = channelDescription(channel, sessionOf(state)?.workspace);
  return h(
    'div',
    { class: 'channel-intro' },
    h('span', { class: 'channel-intro-icon', 'aria-hidden': 'true' }, '#'),
    h(
      'h2',
      { class: 'channel-intro-title' },
      t('messages.introTitle', { channel: `#${channel.name}` }),
    ),
    h(
      'p',
      { class: 'channel-intro-text' },
      creator
        ? t('messages.createdBy', { name: creator.name, date })
        : t('messages.created', { date }),
      description ? [t('common.sentenceGap'), h('span', { dir: 'auto' }, description)] : null,
    ),
    isEmpty ? h('p', { class: 'channel-intro-empty' }, t('messages.empty')) : null,
  );
}

/**
 * The scrolling list of a channel's messages, with day dividers. It follows new messages
 * when the reader is at the bottom, and leaves them alone when they scrolled up to read.
 */
export function createMessageList({ store }) {
  const element = h('section', { class: 'messages', tabindex: '0' });
  let lastKey = null;
  let atBottom = true;

  const isAtBottom = () => element.scrollHeight - element.scrollTop - element.clientHeight < 120;
  element.addEventListener('scroll', () => {
    atBottom = isAtBottom();
  });
  // The list shrinks when a notice appears or the composer grows; a reader who was at the
  // latest message should stay there.
  new ResizeObserver(() => {
    if (atBottom) element.scrollTop = element.scrollHeight;
  }).observe(element);

  function render(channel, { channelChanged = false, scrollToEnd = false } = {}) {
    const { state } = store;
    const messages = messagesIn(state, channel.id);
    const key = JSON.stringify([
      channel.id,
      channel.description,
      messages.length,
      messages.at(-1)?.id,
      state.users.map((user) => user.name),
    ]);
    if (key !== lastKey || channelChanged) {
      lastKey = key;
      rebuild(state, channel, messages);
    }
    if (channelChanged || scrollToEnd || atBottom) {
      element.scrollTop = element.scrollHeight;
      atBottom = true;
    }
  }

  function rebuild(state, channel, messages) {
    element.setAttribute('aria-label', t('messages.label', { channel: `#${channel.name}` }));

    const items = [];
    let previous = null;
    for (const message of messages) {
      if (!previous || !isSameDay(previous.createdAt, message.createdAt)) {
        items.push(h('li', { class: 'day-divider' }, h('span', {}, formatDay(message.createdAt))));
        previous = null;
      }
      items.push(messageItem(state, message, previous));
      previous = message;
    }
    element.replaceChildren(
      h(
        'div',
        { class: 'messages-inner' },
        channelIntro(state, channel, messages.length === 0),
        h('ol', { class: 'message-items' }, items),
      ),
    );
  }

  return { element, render };
}
