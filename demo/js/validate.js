import { t } from './i18n.js';

/** Form checks shared by sign-in and invitations. Each returns an error message or ''. */

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isEmail(value) {
  return EMAIL.test(value.trim());
}

export function checkRequired(value, message) {
  return value.trim() ? '' : message;
}

export function checkEmail(value, emptyMessage = t('validate.email.empty')) {
  if (!value.trim()) return emptyMessage;
  return isEmail(value) ? '' : t('validate.email.invalid');
}
