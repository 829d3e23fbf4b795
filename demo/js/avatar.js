import { h } from './dom.js';
import { initials } from './format.js';
import { icon } from './icons.js';

// Dark enough for white initials to pass WCAG AA (4.5:1) on every one of them.
const COLORS = [
  '#1264a3',
  '#007a5a',
  '#a2315a',
  '#7a4d0b',
  '#611f69',
  '#235e6e',
  '#b42318',
  '#4b47a8',
];

function colorFor(seed) {
  let hash = 0;
  for (const char of seed) hash = (hash * 31 + char.codePointAt(0)) >>> 0;
  return COLORS[hash % COLORS.length];
}

/** A person's (or the bot's) avatar. Decorative: the name is always written next to it. */
export function avatar(person, { size = 'md' } = {}) {
  if (person.bot) {
    return h('span', { class: `avatar avatar-${size} avatar-bot`, 'aria-hidden': 'true' }, [
      icon('message', { size: size === 'sm' ? 12 : 18 }),
    ]);
  }
  return h(
    'span',
    {
      class: `avatar avatar-${size}`,
      style: { background: colorFor(person.id ?? person.name) },
      'aria-hidden': 'true',
    },
    initials(person.name),
  );
}

/** A workspace's square badge with its initial, like Slack's workspace icon. */
export function workspaceBadge(workspace, { size = 'md' } = {}) {
  return h(
    'span',
    { class: `workspace-badge workspace-badge-${size}`, 'aria-hidden': 'true' },
    initials(workspace.name).slice(0, 1),
  );
}
