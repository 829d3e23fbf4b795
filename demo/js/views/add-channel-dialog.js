import { createChannel } from '../channels.js';
import { openDialog } from '../dialog.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { sessionOf } from '../queries.js';
import { channelPath } from '../router.js';
import { formField } from './form-field.js';

/** "Create a channel": a name (normalized like Slack's) and an optional description. */
export function openAddChannelDialog({ store, navigate }) {
  const session = sessionOf(store.state);
  if (!session) return;
  const name = formField({
    label: t('addChannel.name'),
    prefix: '#',
    hint: t('addChannel.nameHint'),
    control: {
      autofocus: true,
      autocomplete: 'off',
      maxlength: 80,
      placeholder: t('addChannel.placeholder'),
    },
  });
  const description = formField({
    label: t('addChannel.description'),
    hint: t('addChannel.descriptionHint'),
    control: { autocomplete: 'off', maxlength: 250 },
  });

  openDialog({
    title: t('addChannel.title'),
    description: t('addChannel.intro'),
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
            t('common.cancel'),
          ),
          h('button', { type: 'submit', class: 'button button-primary' }, t('addChannel.submit')),
        ),
      ),
  });
}
