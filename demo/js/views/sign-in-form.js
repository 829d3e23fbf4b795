import { workspaceBadge } from '../avatar.js';
import { h, region, uniqueId } from '../dom.js';
import { t } from '../i18n.js';
import { findUserByEmail } from '../queries.js';
import { channelPath } from '../router.js';
import { companySizes, createWorkspace, joinWorkspace, roles } from '../session.js';
import { checkEmail, checkRequired } from '../validate.js';
import { formField, reportErrors } from './form-field.js';
import { workspaceMeta } from './workspace-meta.js';

/**
 * Sign-up and sign-in in one card: who you are, then either a new workspace or one of
 * the workspaces already in this browser. There is no password: the demo is local.
 */
export function signInForm({ store, navigate }) {
  const name = formField({
    label: t('signin.name'),
    control: { name: 'name', autocomplete: 'name', required: true, maxlength: 80 },
  });
  const email = formField({
    label: t('signin.email'),
    control: {
      name: 'email',
      type: 'email',
      autocomplete: 'email',
      required: true,
      maxlength: 200,
    },
  });
  const workspaceName = formField({
    label: t('signin.workspaceName'),
    hint: t('signin.workspaceHint'),
    control: { name: 'workspace', autocomplete: 'organization', required: true, maxlength: 60 },
  });
  // Optional: they help the team (and ahakit's fit signals) but must not stand between a
  // newcomer and their first message. Left empty, they are simply not sent.
  const companySize = formField({
    label: t('signin.companySize'),
    control: { name: 'companySize' },
    options: companySizes(),
    placeholder: t('common.optional'),
  });
  const role = formField({
    label: t('signin.role'),
    control: { name: 'role' },
    options: roles(),
    placeholder: t('common.optional'),
  });

  function aboutYouIsValid() {
    return reportErrors([
      [name, checkRequired(name.control.value, t('signin.error.name'))],
      [email, checkEmail(email.control.value)],
    ]);
  }

  function onCreate(event) {
    event.preventDefault();
    const valid = reportErrors([
      [name, checkRequired(name.control.value, t('signin.error.name'))],
      [email, checkEmail(email.control.value)],
      [workspaceName, checkRequired(workspaceName.control.value, t('signin.error.workspace'))],
    ]);
    if (!valid) return;
    createWorkspace(store, {
      name: name.control.value,
      email: email.control.value,
      workspaceName: workspaceName.control.value,
      companySize: companySize.control.value || undefined,
      role: role.control.value || undefined,
    });
    navigate(channelPath('general'));
  }

  function onJoin(workspace) {
    if (!aboutYouIsValid()) return;
    joinWorkspace(store, {
      name: name.control.value,
      email: email.control.value,
      workspaceId: workspace.id,
    });
    navigate(channelPath('general'));
  }

  const joinHeadingId = uniqueId('join-heading');
  const joinList = h('div', { class: 'join-list' });
  const renderJoin = region(joinList);

  /** The workspaces of this browser, with a hint when the typed email belongs to one. */
  function renderJoinList() {
    const { state } = store;
    const workspaces = [...state.workspaces].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    const typed = email.control.value.trim().toLowerCase();
    const person = typed ? findUserByEmail(state, typed) : null;
    const rows = workspaces.map((workspace) => {
      const isMember = Boolean(person && workspace.members.includes(person.id));
      const isInvited = workspace.invites.some((invite) => invite.email === typed);
      return {
        workspace,
        note: isMember ? t('signin.member') : isInvited ? t('signin.invited') : null,
        meta: workspaceMeta(workspace),
      };
    });
    const key = JSON.stringify(
      rows.map(({ workspace, note, meta }) => [workspace.id, workspace.name, note, meta]),
    );
    renderJoin(key, () => {
      if (rows.length === 0) {
        return h('p', { class: 'join-empty' }, t('signin.joinEmpty'));
      }
      return h(
        'ul',
        { class: 'join-items' },
        rows.map(({ workspace, note, meta }) =>
          h(
            'li',
            { class: 'join-item' },
            workspaceBadge(workspace),
            h(
              'div',
              { class: 'join-item-text' },
              h('span', { class: 'join-item-name', dir: 'auto' }, workspace.name),
              h(
                'span',
                { class: 'join-item-meta' },
                meta,
                note ? h('span', { class: 'pill pill-green' }, note) : null,
              ),
            ),
            h(
              'button',
              {
                type: 'button',
                class: 'button button-secondary button-small',
                dataset: { focusKey: workspace.id },
                // Shows "Join"; the name is "Join <workspace>", unique per row for assistive
                // tech, and grammatical in every language ("Dołącz do …", "加入 …").
                'aria-label': t('signin.joinNamed', { workspace: workspace.name }),
                onClick: () => onJoin(workspace),
              },
              t('signin.join'),
            ),
          ),
        ),
      );
    });
  }

  email.control.addEventListener('input', renderJoinList);
  renderJoinList();

  const aboutYou = h(
    'fieldset',
    { class: 'form-section' },
    h('legend', { class: 'form-section-title' }, t('signin.aboutYou')),
    name.element,
    email.element,
  );
  const createSection = h(
    'fieldset',
    { class: 'form-section' },
    h('legend', { class: 'form-section-title' }, t('signin.createSection')),
    workspaceName.element,
    h('div', { class: 'field-row' }, companySize.element, role.element),
    h(
      'button',
      { type: 'submit', class: 'button button-primary button-block' },
      t('signin.create'),
    ),
  );
  const joinSection = h(
    'section',
    { class: 'form-section', 'aria-labelledby': joinHeadingId },
    h('h3', { class: 'form-section-title', id: joinHeadingId }, t('signin.joinSection')),
    joinList,
  );
  const divider = h('div', { class: 'divider' }, h('span', {}, t('signin.or')));
  // Returning visitors mostly want back into a workspace, so joining comes first once there
  // is one to join; a fresh browser leads with creating the first workspace.
  const element = h(
    'form',
    { class: 'auth-form', novalidate: true, onSubmit: onCreate },
    aboutYou,
    store.state.workspaces.length > 0
      ? [joinSection, divider, createSection]
      : [createSection, divider, joinSection],
  );

  return { element, refresh: renderJoinList };
}
