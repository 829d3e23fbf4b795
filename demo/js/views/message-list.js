import { avatar } from '../avatar.js';
import { h } from '../dom.js';
import { formatDay, formatFullDate, formatLongDate, formatTime, isSameDay } from '../format.js';
import { authorOf, messagesIn } from '../queries.js';

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
          h('span', { class: 'message-author' }, author.name),
          timeElement(message.createdAt),
        ),
        h('p', { class: 'message-text muted' }, message.text),
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
        formatTime(message.createdAt).replace(/\s?[AP]M$/, ''),
      ),
      h(
        'div',
        { class: 'message-body' },
        h(
          'span',
          { class: 'visually-hidden' },
          `${author.name}, ${formatTime(message.createdAt)}: `,
        ),
        h('p', { class: 'message-text' }, richText(message.text)),
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
        h('span', { class: 'message-author' }, author.name),
        author.bot ? h('span', { class: 'app-badge' }, 'App') : null,
        timeElement(message.createdAt),
      ),
      h('p', { class: 'message-text' }, richText(message.text)),
    ),
  );
}

function channelIntro(state, channel, isEmpty) {
  const creator = state.users.find((user) => user.id === channel.createdBy);
  return h(
    'div',
    { class: 'channel-intro' },
    h('span', { class: 'channel-intro-icon', 'aria-hidden': 'true' }, '#'),
    h('h2', { class: 'channel-intro-title' }, `This is the very beginning of #${channel.name}`),
    h(
      'p',
      { class: 'channel-intro-text' },
      `${creator ? creator.name : 'Someone'} created this channel on ${formatLongDate(channel.createdAt)}.`,
      channel.description ? ` ${channel.description}` : '',
    ),
    isEmpty
      ? h(
          'p',
          { class: 'channel-intro-empty' },
          'No messages yet. Say hello and get the conversation going 👋',
        )
      : null,
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
    element.setAttribute('aria-label', `Messages in #${channel.name}`);

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
