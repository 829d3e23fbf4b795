import { track } from '../analytics.js';
import { h, uniqueId } from '../dom.js';
import { t, tn } from '../i18n.js';
import { icon } from '../icons.js';
import { MESSAGE_MAX_LENGTH, messageUsage, sendMessage } from '../messages.js';
import { sessionOf } from '../queries.js';

const MAX_HEIGHT_PX = 200;

/**
 * The message box: Enter sends, Shift+Enter adds a line, drafts are kept per channel.
 * When the Free plan's limit is reached it is disabled and explains how to go on.
 */
export function createComposer({ store }, { onSent }) {
  const inputId = uniqueId('composer');
  const hintId = `${inputId}-hint`;
  const label = h('label', { class: 'visually-hidden', for: inputId });
  const input = h('textarea', {
    id: inputId,
    class: 'composer-input',
    rows: '1',
    name: 'message',
    maxlength: MESSAGE_MAX_LENGTH,
    'aria-describedby': hintId,
  });
  const sendButton = h(
    'button',
    { type: 'submit', class: 'send-button' },
    icon('send', { size: 16 }),
    h('span', { class: 'visually-hidden' }, t('composer.send')),
  );
  const remaining = h('span', { class: 'composer-remaining' });
  const notice = h('div', { class: 'limit-notice-slot' });
  const drafts = new Map();
  let channel = null;
  let wasReached = null;

  const form = h(
    'form',
    { class: 'composer', onSubmit: submit },
    notice,
    h(
      'div',
      { class: 'composer-box' },
      label,
      input,
      h(
        'div',
        { class: 'composer-bar' },
        h(
          'span',
          { class: 'composer-hint', id: hintId },
          tn('composer.hint', {
            enter: h('kbd', {}, t('key.enter')),
            shift: h('kbd', {}, t('key.shift')),
          }),
        ),
        remaining,
        sendButton,
      ),
    ),
  );

  function autosize() {
    input.style.height = 'auto';
    input.style.height = `${Math.min(input.scrollHeight, MAX_HEIGHT_PX)}px`;
    form.classList.toggle('has-text', input.value.trim().length > 0);
  }

  function submit(event) {
    event.preventDefault();
    const session = sessionOf(store.state);
    if (!session || !channel || input.disabled) return;
    const result = sendMessage(store, {
      workspace: session.workspace,
      channelId: channel.id,
      userId: session.user.id,
      text: input.value,
    });
    if (result.error) return;
    input.value = '';
    drafts.delete(channel.id);
    autosize();
    onSent?.();
  }

  input.addEventListener('keydown', (event) => {
    // isComposing: Enter also confirms an IME composition (Japanese, Chinese…); not a send.
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  input.addEventListener('input', () => {
    if (channel) drafts.set(channel.id, input.value);
    autosize();
  });

  function limitNotice(workspace, limit, announce) {
    return h(
      'div',
      {
        class: 'limit-notice',
        tabindex: '-1',
        role: announce ? 'alert' : null,
      },
      h('span', { class: 'limit-notice-icon', 'aria-hidden': 'true' }, icon('lock', { size: 18 })),
      h(
        'div',
        { class: 'limit-notice-text' },
        h('p', { class: 'limit-notice-title' }, t('composer.limitTitle')),
        h('p', {}, t('composer.limitText', { workspace: workspace.name, count: limit })),
      ),
      h(
        'a',
        {
          class: 'button button-upgrade',
          href: '/pricing',
          onClick: () => track('upgrade_clicked', { plan: workspace.plan, from: 'message_limit' }),
        },
        t('upgrade.toPro'),
      ),
    );
  }

  /** Shows the composer for a channel, in the state the workspace's plan allows. */
  function render(nextChannel, { channelChanged = false } = {}) {
    const session = sessionOf(store.state);
    if (!session) return;
    // Read before disabling: a disabled textarea drops focus.
    const hadFocus = form.contains(document.activeElement);
    if (channelChanged || channel?.id !== nextChannel.id) {
      channel = nextChannel;
      input.value = drafts.get(channel.id) ?? '';
      autosize();
    }
    const composerLabel = t('composer.label', { channel: `#${channel.name}` });
    label.textContent = composerLabel;
    const usage = messageUsage(store.state, session.workspace);
    const reached = usage.reached;
    input.disabled = reached;
    sendButton.disabled = reached;
    input.placeholder = reached ? t('composer.locked') : composerLabel;
    form.classList.toggle('is-locked', reached);
    const fewLeft = usage.remaining != null && usage.remaining <= 10 && !reached;
    remaining.textContent = fewLeft ? t('composer.remaining', { count: usage.remaining }) : '';
    remaining.hidden = !fewLeft;
    if (reached !== wasReached) {
      // Announce the limit only when it is hit now, not on every load of a full workspace.
      const announce = wasReached === false && reached;
      notice.replaceChildren(reached ? limitNotice(session.workspace, usage.limit, announce) : '');
      if (announce && hadFocus) notice.firstChild.focus();
      wasReached = reached;
    }
  }

  function focus() {
    if (input.disabled) return false;
    input.focus();
    return true;
  }

  return { element: form, render, focus };
}
