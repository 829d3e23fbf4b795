import { openDialog } from '../dialog.js';
import { h } from '../dom.js';
import { formatTime } from '../format.js';
import { t } from '../i18n.js';
import { inviteTeammate } from '../invites.js';
import { sessionOf } from '../queries.js';
import { formField } from './form-field.js';

/**
 * "Invite teammates": one address at a time, a status line after each invitation, and the
 * list of pending invitations. It stays open for the next invitation; Done or Esc closes it.
 */
export function openInviteDialog({ store }) {
  const session = sessionOf(store.state);
  if (!session) return;
  const { workspace, user } = session;
  const email = formField({
    label: t('invite.email'),
    control: {
      type: 'email',
      autofocus: true,
      autocomplete: 'off',
      placeholder: 'name@company.com',
      maxlength: 200,
    },
  });
  const status = h('p', { class: 'invite-status', role: 'status' });
  const pending = h('div', { class: 'invite-pending' });

  function renderPending() {
    const current = store.state.workspaces.find((candidate) => candidate.id === workspace.id);
    const invites = [...(current?.invites ?? [])].reverse();
    pending.replaceChildren(
      invites.length
        ? h(
            'div',
            {},
            h(
              'h3',
              { class: 'invite-pending-title' },
              t('invite.pending', { count: invites.length }),
            ),
            h(
              'ul',
              { class: 'invite-pending-list' },
              invites.map((invite) =>
                h(
                  'li',
                  {},
                  h('span', {}, invite.email),
                  h(
                    'span',
                    { class: 'muted' },
                    t('invite.invitedAt', { time: formatTime(invite.invitedAt) }),
                  ),
                ),
              ),
            ),
          )
        : '',
    );
  }
  renderPending();

  openDialog({
    title: t('invite.title'),
    description: t('invite.intro', { workspace: workspace.name }),
    body: (close) =>
      h(
        'div',
        {},
        h(
          'form',
          {
            class: 'dialog-form invite-form',
            novalidate: true,
            onSubmit: (event) => {
              event.preventDefault();
              status.textContent = '';
              const result = inviteTeammate(store, {
                workspaceId: workspace.id,
                userId: user.id,
                email: email.control.value,
              });
              if (result.error) {
                email.setError(result.error);
                email.control.focus();
                return;
              }
              email.control.value = '';
              status.textContent = t('invite.sent', { email: result.email });
              renderPending();
              email.control.focus();
            },
          },
          h(
            'div',
            { class: 'invite-row' },
            email.element,
            h('button', { type: 'submit', class: 'button button-primary' }, t('invite.submit')),
          ),
          status,
        ),
        pending,
        h(
          'div',
          { class: 'dialog-actions' },
          h(
            'button',
            { type: 'button', class: 'button button-secondary', onClick: () => close() },
            t('common.done'),
          ),
        ),
      ),
  });
}
