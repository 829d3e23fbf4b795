import { h, uniqueId } from '../dom.js';
import { t } from '../i18n.js';

/**
 * A labelled text input or select with a hint and an error message wired for screen
 * readers (aria-invalid, aria-describedby). `setError('')` clears the error.
 */
export function formField({
  label,
  hint,
  prefix,
  control: controlProps = {},
  options,
  placeholder,
}) {
  const id = uniqueId('field');
  const errorId = `${id}-error`;
  const hintId = hint ? `${id}-hint` : null;
  const control = options
    ? h(
        'select',
        { id, ...controlProps, value: controlProps.value ?? '' },
        // Selectable only when the field is optional, so a choice can be taken back.
        h(
          'option',
          { value: '', disabled: Boolean(controlProps.required) },
          placeholder ?? t('common.select'),
        ),
        options.map((option) =>
          typeof option === 'string'
            ? h('option', { value: option }, option)
            : h('option', { value: option.value }, option.label),
        ),
      )
    : h('input', { id, type: 'text', ...controlProps });
  const error = h('p', { class: 'field-error', id: errorId, hidden: true });
  const describedBy = () =>
    [hintId, error.hidden ? null : errorId].filter(Boolean).join(' ') || null;

  function setError(message) {
    error.textContent = message;
    error.hidden = !message;
    if (message) control.setAttribute('aria-invalid', 'true');
    else control.removeAttribute('aria-invalid');
    const ids = describedBy();
    if (ids) control.setAttribute('aria-describedby', ids);
    else control.removeAttribute('aria-describedby');
  }

  const markPlaceholder = () => control.classList.toggle('is-placeholder', control.value === '');
  if (options) markPlaceholder();
  control.addEventListener(options ? 'change' : 'input', () => {
    if (options) markPlaceholder();
    if (!error.hidden) setError('');
  });
  if (hintId) control.setAttribute('aria-describedby', hintId);

  const element = h(
    'div',
    { class: 'field' },
    h('label', { for: id, class: 'field-label' }, label),
    hint ? h('p', { class: 'field-hint', id: hintId }, hint) : null,
    prefix
      ? h('div', { class: 'input-affix' }, h('span', { 'aria-hidden': 'true' }, prefix), control)
      : control,
    error,
  );
  return { element, control, setError };
}

/** Shows each field's error (or clears it) and focuses the first invalid one. */
export function reportErrors(checks) {
  let first = null;
  for (const [field, message] of checks) {
    field.setError(message);
    if (message && !first) first = field;
  }
  first?.control.focus();
  return !first;
}
