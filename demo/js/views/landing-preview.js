import { avatar } from '../avatar.js';
import { h } from '../dom.js';

const PEOPLE = [
  { id: 'p1', name: 'Maya Chen' },
  { id: 'p2', name: 'Jonas Weber' },
  { id: 'p3', name: 'Priya Raman' },
];

const LINES = [
  [PEOPLE[0], '9:41 AM', 'Release notes for 2.4 are in #launch. Could someone give them a read?'],
  [PEOPLE[1], '9:43 AM', 'On it. Also moved the retro to Thursday so everyone can make it.'],
  [PEOPLE[2], '9:44 AM', 'Thanks both! 🎉 Designs for onboarding are ready for review.'],
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
      LINES.map(([person, time, text]) =>
        h(
          'div',
          { class: 'preview-message' },
          avatar(person, { size: 'sm' }),
          h(
            'div',
            {},
            h('span', { class: 'preview-author' }, person.name),
            h('span', { class: 'preview-time' }, time),
            h('p', {}, text),
          ),
        ),
      ),
    ),
  );
}
