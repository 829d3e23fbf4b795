import { h, uniqueId } from '../dom.js';
import { LOCALES, locale, setLocale, t } from '../i18n.js';
import { icon } from '../icons.js';

/**
 * The "Language" switch: a native <select> listing each language in itself. Choosing one
 * switches the page right away (app.js re-renders it) and remembers the choice.
 * `variant` is "site" (the public pages' header) or "sidebar" (the app, on aubergine).
 */
export function languageSelect({ variant = 'site' } = {}) {
  const id = uniqueId('language');
  const select = h(
    'select',
    {
      id,
      class: 'language-select',
      'data-language-select': '',
      value: locale(),
      onChange: (event) => {
        setLocale(event.target.value).catch((error) => {
          console.warn('[teamchat] could not switch the language.', error);
          event.target.value = locale();
        });
      },
    },
    LOCALES.map(({ code, name, htmlLang, dir }) =>
      // lang lets screen readers say "Polski" or "العربية" with the right voice.
      h('option', { value: code, lang: htmlLang ?? code, dir: dir ?? null }, name),
    ),
  );
  return h(
    'div',
    { class: `language language-${variant}` },
    h(
      'label',
      { for: id, class: 'language-label' },
      icon('globe', { size: 16 }),
      h('span', { class: 'language-label-text' }, t('language.label')),
    ),
    h('span', { class: 'language-code', 'aria-hidden': 'true' }, locale().toUpperCase()),
    select,
  );
}
