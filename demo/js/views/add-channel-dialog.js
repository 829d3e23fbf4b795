import { createChannel } from '../channels.js';
import { openDialog } from '../dialog.js';
import { h } from '../dom.js';
import { sessionOf } from '../queries.js';
import { channelPath } from '../router.js';
import { formField } from './form-field.js';

/** "Create a channel": a name (normalized like Slack's) and an optional description. */
export function openAddChannelDialog({ store, navigate }) {
  const session = sessionOf(store.state);
  if (!session) return;
  const name = formField({
    label: 'Channel name',
    prefix: '#',
    hint: 'Lowercase, without spaces or periods. For example: marketing or q3-launch.',
    control: {
      autofocus: true,
      autocomplete: 'off',
      maxlength: 80,
      placeholder: 'e.g. plan-budget',
    },
  });
  const description = formField({
    label: 'Description (optional)',
    hint: 'What is this channel about?',
    control: { autocomplete: 'off', maxlength: 250 },
  });

  openDialog({
    title: 'Create a channel',
    description: 'Channels are where your team talks about a project, a topic or anything else.',
    body: (close) =>
      h(
        'form',
        {
          class: 'dialog-form',
          novalidate: true,
          onSubmit: (event) => {
            event.preventDefault();
            const result = createChannel(store, {
              workspaceId: session.workspace.id,
              userId: session.user.id,
              name: name.control.value,
              description: description.control.value,
            });
            if (result.error) {
              name.setError(result.error);
              name.control.focus();
              return;
            }
            close({ restoreFocus: false });
            navigate(channelPath(result.channel.name));
          },
        },
        name.element,
        description.element,
        h(
          'div',
          { class: 'dialog-actions' },
          h(
            'button',
            { type: 'button', class: 'button button-secondary', onClick: () => close() },
            'Cancel',
          ),
          h('button', { type: 'submit', class: 'button button-primary' }, 'Create channel'),
        ),
      ),
  });
}
