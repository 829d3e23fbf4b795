/**
 * Hostile input for the collector's fuzz tests: raw JSON fragments that `JSON.stringify`
 * cannot produce (deep nesting, numbers out of range, lone surrogates), mixed into
 * otherwise valid Segment messages, with a seeded generator so a failure can be replayed.
 */
import { seededRandom } from '../../server/src/seed/random';

/** The seed's generator (mulberry32): the same seed, the same requests. */
export function seeded(seed: number) {
  const { next } = seededRandom(seed);
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  };
}

export const nestedJson = (depth: number, open = '{"x":', close = '}') =>
  `${open.repeat(depth)}1${close.repeat(depth)}`;

/** Values no field should make the collector fail on, as JSON text. */
export const HOSTILE_VALUES: readonly string[] = [
  nestedJson(33),
  nestedJson(1_000),
  nestedJson(5_000, '[', ']'),
  nestedJson(20_000, '[', ']'),
  '"\\ud800"',
  '"x\\udfffy"',
  '"\\u0000\\u001f"',
  '1e400',
  '-1e400',
  '123456789012345678901234567890123456789',
  '-0',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  JSON.stringify('x'.repeat(40_000)),
  JSON.stringify(Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`k${i}`, i]))),
  'null',
  'true',
  '[]',
  '{}',
  '""',
  '"%E0%A4%A"',
  '"2026-13-45T99:99:99Z"',
  JSON.stringify('\u202e\ufeff<script>alert(1)</script>'),
];

const FIELDS = [
  'type',
  'event',
  'userId',
  'anonymousId',
  'messageId',
  'timestamp',
  'sentAt',
  'properties',
  'traits',
  'context',
  'groupId',
  'previousId',
  'name',
] as const;
const NESTED_FIELDS = [
  ['properties', 'checklistId'],
  ['properties', 'signalId'],
  ['properties', 'nudgeId'],
  ['context', 'groupId'],
  ['context', 'userHash'],
  ['traits', 'email'],
] as const;
const EVENTS = ['$nudge_shown', '$checklist_dismissed', '$signal', 'message_sent', '$usage'];
const TYPES = ['track', 'identify', 'page', 'screen', 'group', 'alias'];

/** A message as JSON text with one to three fields made hostile. */
export function hostileMessage(rng: ReturnType<typeof seeded>, n: number): string {
  const type = rng.pick(TYPES);
  const message: Record<string, unknown> = {
    type,
    messageId: `fuzz-${n}`,
    anonymousId: `anon-${rng.int(50)}`,
    userId: `fuzz-user-${rng.int(50)}`,
    event: rng.pick(EVENTS),
    groupId: `acct-${rng.int(5)}`,
    previousId: `anon-${rng.int(50)}`,
    properties: { checklistId: 'x', signalId: 'pricing_viewed', nudgeId: 'n1' },
    traits: { email: 'a@example.com' },
    context: { groupId: 'acct-1' },
    timestamp: new Date().toISOString(),
  };
  const holes = 1 + rng.int(3);
  const fragments: string[] = [];
  for (let i = 0; i < holes; i++) {
    const token = `__hostile_${i}__`;
    fragments.push(rng.pick(HOSTILE_VALUES));
    if (rng.next() < 0.6) {
      message[rng.pick(FIELDS)] = token;
    } else {
      const [outer, inner] = rng.pick(NESTED_FIELDS);
      message[outer] = { ...(message[outer] as object), [inner]: token };
    }
  }
  let text = JSON.stringify(message);
  fragments.forEach((fragment, i) => {
    text = text.replace(`"__hostile_${i}__"`, () => fragment);
  });
  return text;
}
