import { h } from '../dom.js';

const FAQ = [
  [
    'Is this real billing?',
    'No. TeamChat is the demo app of ahakit: upgrading just switches your workspace to Pro in this browser. Nothing is charged.',
  ],
  [
    'What counts toward the message limit?',
    'Every message a member sends in any channel. Welcome notes from the TeamChat bot and “joined” notes do not count.',
  ],
  [
    'Where is my data?',
    'In this browser’s local storage. Clearing your site data starts TeamChat from scratch.',
  ],
];

/** The questions under the plans, as native disclosure widgets (keyboard-ready for free). */
export function pricingFaq() {
  return h(
    'section',
    { class: 'faq', 'aria-labelledby': 'faq-title' },
    h('h2', { id: 'faq-title', class: 'faq-title' }, 'Questions'),
    FAQ.map(([question, answer]) =>
      h('details', { class: 'faq-item' }, h('summary', {}, question), h('p', {}, answer)),
    ),
  );
}
