import { avatar } from '../avatar.js';
import { h } from '../dom.js';
import { formatTime } from '../format.js';
import { t } from '../i18n.js';

const PEOPLE = [
  { id: 'p1', name: 'Maya Chen' },
  { id: 'p2', name: 'Jonas Weber' },
  { id: 'p3', name: 'Priya Raman' },
];

const LINES = [
  [PEOPLE[0], [9, 41], 'preview.line1'],
  [PEOPLE[1], [9, 43], 'preview.line2'],
  [PEOPLE[2], [9, 44], 'preview.line3'],
];

/** A still picture of TeamChat for the landing page. Decorative, hidden from screen readers. */
export function landingPreview() {
  return h(
    'div',
    { class: 'preview', 'aria-hidden': 'true' },
    h(
      'div',
      { class: 'preview-sidebar' },
      h('span', { class: 'preview-workspace' }, 'Northwind'),
      ['general', 'launch', 'design'].map((name, index) =>
        h(
          'span',
          { class: `preview-channel${index === 1 ? ' is-active' : ''}` },
          h('span', { class: 'hash' }, '#'),
          name,
        ),
      ),
    ),
    h(
      'div',
      { class: 'preview-main' },
      h('span', { class: 'preview-title' }, '# launch'),
      LINES.map(([person, [hours, minutes], key]) =>
        h(
          'div',
          { class: 'preview-message' },
          avatar(person, { size: 'sm' }),
          h(
            'div',
            {},
            h('span', { class: 'preview-author' }, person.name),
            h('span', { class: 'preview-time' }, formatTime(new Date(2024, 0, 8, hours, minutes))),
            h('p', {}, t(key)),
          ),
        ),
      ),
    ),
  );
}
