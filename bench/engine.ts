/**
 * Rule-engine cost per event: a realistic stream (a mix of event names, some matching)
 * applied with (a) a small config, 10 milestones and 2 checklists, and (b) the same plus
 * 990 milestones and 48 checklists that watch events the stream never sends. The engine
 * indexes rules by event name, so (b)/(a) should stay near 1.
 *
 *   npm run bench:engine
 *   BENCH_EVENTS=100000 BENCH_RUNS=21 npm run bench:engine
 */
import { type AhakitConfigInput, configSchema } from '../core/config/schema';
import {
  applyEvent,
  compileRules,
  type EngineEvent,
  emptyState,
  type Rules,
  type SubjectState,
} from '../core/engine';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 30_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const WARMUP = 5;
const USERS = 100;
const ACCOUNTS = 10;
const HOUR = 3_600_000;

const item = (id: string, milestone: string, title: string) => ({ id, milestone, title });

function smallConfig(): AhakitConfigInput {
  return {
    product: { name: 'TeamChat' },
    milestones: [
      { id: 'first_channel', event: 'channel_created' },
      { id: 'three_channels', event: 'channel_created', count: 3 },
      { id: 'ten_messages', event: 'message_sent', count: 10 },
      { id: 'weekly_talker', event: 'message_sent', count: 20, within: { days: 7 } },
      {
        id: 'early_threads',
        event: 'message_sent',
        count: 5,
        where: [{ property: 'thread.reply', op: 'eq', value: true }],
        within: { days: 3, of: 'first_seen' },
      },
      {
        id: 'big_upload',
        event: 'file_uploaded',
        where: [{ property: 'size', op: 'gt', value: 1_000_000 }],
      },
      { id: 'invited', event: 'teammate_invited', scope: 'account' },
      { id: 'five_invites', event: 'teammate_invited', count: 5, scope: 'account' },
      { id: 'team_ready', all: ['three_channels', 'invited'] },
      { id: 'aha', all: ['team_ready', 'ten_messages'] },
    ],
    activation: { milestones: ['aha'] },
    checklists: [
      {
        id: 'start',
        title: 'Get started',
        order: 'sequential',
        items: [
          item('create', 'first_channel', 'Create a channel'),
          item('talk', 'ten_messages', 'Send ten messages'),
          item('invite', 'invited', 'Invite a teammate'),
        ],
      },
      {
        id: 'power',
        title: 'Power user',
        items: [
          item('channels', 'three_channels', 'Create three channels'),
          item('upload', 'big_upload', 'Share a big file'),
          item('team', 'five_invites', 'Invite five teammates'),
          item('weekly', 'weekly_talker', 'Talk every day'),
        ],
      },
    ],
  };
}

function bigConfig(): AhakitConfigInput {
  const base = smallConfig();
  const milestones = [...(base.milestones ?? [])];
  for (let i = 0; milestones.length < 1_000; i++) {
    milestones.push(
      i % 10 === 9
        ? { id: `unrelated_combo_${i}`, all: [`unrelated_${i - 1}`, `unrelated_${i - 2}`] }
        : {
            id: `unrelated_${i}`,
            event: `unrelated_event_${i % 200}`,
            count: 1 + (i % 4),
            where: [{ property: 'plan', op: 'neq', value: 'enterprise' }],
            ...(i % 3 === 0 && { within: { days: 14 } }),
          },
    );
  }
  const checklists = [...(base.checklists ?? [])];
  for (let i = 0; checklists.length < 50; i++) {
    checklists.push({
      id: `unrelated_list_${i}`,
      title: `List ${i}`,
      items: [0, 1, 2].map((j) => item(`i${j}`, `unrelated_${i * 10 + j}`, `Step ${j}`)),
    });
  }
  return { ...base, milestones, checklists };
}

/** A deterministic pseudo-random stream: mostly in order, about 2% arriving late. */
function makeStream(): EngineEvent[] {
  let seed = 42;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const start = Date.UTC(2026, 0, 5);
  const events: EngineEvent[] = [];
  for (let i = 0; i < EVENTS; i++) {
    const u = Math.floor(random() * USERS);
    const late = random() < 0.02 ? 48 * HOUR : 0;
    const timestamp = start + i * 60_000 - late;
    const who = { messageId: `m${i}`, timestamp, userId: `u${u}`, accountId: `a${u % ACCOUNTS}` };
    const r = random();
    if (r < 0.4) {
      events.push({
        ...who,
        type: 'track',
        event: 'message_sent',
        properties: {
          channel: 'general',
          length: Math.floor(random() * 200),
          thread: { reply: r < 0.1 },
        },
      });
    } else if (r < 0.48) events.push({ ...who, type: 'track', event: 'channel_created' });
    else if (r < 0.53) {
      events.push({
        ...who,
        type: 'track',
        event: 'file_uploaded',
        properties: { size: Math.floor(random() * 3_000_000), kind: 'pdf' },
      });
    } else if (r < 0.56) events.push({ ...who, type: 'track', event: 'teammate_invited' });
    else if (r < 0.66) events.push({ ...who, type: 'track', event: 'emoji_added' });
    else if (r < 0.73) events.push({ ...who, type: 'track', event: 'search_performed' });
    else if (r < 0.78) events.push({ ...who, type: 'identify' });
    else events.push({ ...who, type: 'page', properties: { path: '/channels/general' } });
  }
  return events;
}

/** One pass over the stream from empty states; returns µs per event. */
function run(rules: Rules, stream: readonly EngineEvent[]): number {
  const users = new Map<string, SubjectState>();
  const accounts = new Map<string, SubjectState>();
  let changes = 0;
  const t0 = performance.now();
  for (const event of stream) {
    const userId = event.userId!;
    const accountId = event.accountId!;
    const out = applyEvent(
      rules,
      { user: users.get(userId) ?? emptyState(), account: accounts.get(accountId) ?? emptyState() },
      event,
    );
    users.set(userId, out.user);
    if (out.account) accounts.set(accountId, out.account);
    changes += out.changes.length;
  }
  const elapsed = performance.now() - t0;
  if (changes === 0) throw new Error('the stream reached no milestone: the benchmark is broken');
  return (elapsed * 1000) / stream.length;
}

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

const small = configSchema.parse(smallConfig());
const big = configSchema.parse(bigConfig());
const rulesA = compileRules(small);
const rulesB = compileRules(big);
const stream = makeStream();

const timesA: number[] = [];
const timesB: number[] = [];
for (let i = 0; i < WARMUP + RUNS; i++) {
  // Interleaved so drift in machine load hits both alike.
  const a = run(rulesA, stream);
  const b = run(rulesB, stream);
  if (i >= WARMUP) {
    timesA.push(a);
    timesB.push(b);
  }
}

const a = median(timesA);
const b = median(timesB);
const label = (n: number, width: number) => String(n).padStart(width);
console.log(
  `engine: ${EVENTS.toLocaleString('en')} events, ${USERS} users in ${ACCOUNTS} accounts, median of ${RUNS} runs after ${WARMUP} warm-up`,
);
console.log(
  `(a) ${label(small.milestones.length, 4)} milestones, ${label(small.checklists.length, 2)} checklists: ${a.toFixed(2)} µs/event`,
);
console.log(
  `(b) ${label(big.milestones.length, 4)} milestones, ${label(big.checklists.length, 2)} checklists: ${b.toFixed(2)} µs/event`,
);
console.log(`ratio (b)/(a): ${(b / a).toFixed(2)}`);
