import { h, uniqueId } from './dom.js';
import { t } from './i18n.js';
import { icon } from './icons.js';

/**
 * Opens a modal dialog built on <dialog>: focus moves in (to the `autofocus` field, else the
 * first control), Esc and the close button close it, and focus returns to the opener.
 * The dialog is removed from the page once closed.
 *
 * @example openDialog({ title: 'Create a channel', body: (close) => form });
 */
export function openDialog({ title, description, body, className = '', onClose }) {
  const opener = document.activeElement;
  const titleId = uniqueId('dialog-title');
  const dialog = h('dialog', { class: `dialog ${className}`.trim(), 'aria-labelledby': titleId });
  let restoreFocus = true;
  /** `close({ restoreFocus: false })` when the caller moves focus somewhere better. */
  const close = (options = {}) => {
    restoreFocus = options.restoreFocus ?? true;
    dialog.close();
  };
  dialog.append(
    h(
      'div',
      { class: 'dialog-panel' },
      h(
        'div',
        { class: 'dialog-head' },
        h('h2', { id: titleId, class: 'dialog-title' }, title),
        h(
          'button',
          {
            type: 'button',
            class: 'icon-button',
            'aria-label': t('common.close'),
            onClick: () => close(),
          },
          icon('x'),
        ),
      ),
      description ? h('p', { class: 'dialog-description' }, description) : null,
      body(close),
    ),
  );
  // A click on the backdrop lands on the <dialog> itself, outside its panel.
  dialog.addEventListener('click', (event) => {
    if (event.target === dialog) close();
  });
  dialog.addEventListener('close', () => {
    dialog.remove();
    onClose?.(dialog.returnValue);
    if (restoreFocus && opener instanceof HTMLElement && opener.isConnected) opener.focus();
  });
  document.body.append(dialog);
  // Lets transient page notices step aside, so a dialog's own status line is the only one.
  document.dispatchEvent(new CustomEvent('teamchat:dialog-open'));
  dialog.showModal();
  return { dialog, close };
}
