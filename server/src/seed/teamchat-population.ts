import type { Nudge } from '../../../core/config/nudges';
import { inControl } from '../../../core/engine/nudges/bucket';
import { NUDGE_EVENTS } from '../../../core/engine/nudges/events';
import { SIGNAL_EVENT } from '../../../core/engine/pql/signal-event';
import { type Random, seededRandom } from './random';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** TeamChat's free plan: 50 messages per workspace (Slack's 2,000, scaled down). */
const FREE_LIMIT = 50;

export interface PopulationOptions {
  /** Users to create (in workspaces of 1 to 12). */
  users: number;
  /** Sign-ups are spread over this many days before `now`. */
  days: number;
  seed: number;
  /** Nothing happens after this time (ms). */
  now: number;
  /** The config's nudges: those triggered by TeamChat's signals are shown to the population. */
  nudges?: readonly Nudge[] | undefined;
}

/** A Segment-shaped message, as the widget or a Segment library sends it. */
export type Message = Record<string, unknown> & { timestamp: string };

const SIZES = [
  ['1-10', 45],
  ['11-50', 30],
  ['51-200', 17],
  ['201+', 8],
] as const;
const ROLES = [
  ['engineer', 35],
  ['manager', 25],
  ['designer', 15],
  ['founder', 10],
  ['sales', 15],
] as const;
const LOCALES = [
  ['en', 70],
  ['pl', 8],
  ['it', 8],
  ['tr', 6],
  ['zh', 5],
  ['ar', 3],
] as const;
/** Chance that a user shown an upgrade prompt upgrades the workspace; held-back users upgrade less. */
const UPGRADE_AFTER_PROMPT = 0.3;
const UPGRADE_UNPROMPTED = 0.1;

/**
 * TeamChat's users over a few weeks, one workspace at a time (its messages in time
 * order): sign-ups spread over `days`, each founder creating a workspace, channels and
 * invitations, teammates joining, messages piling up toward the free plan's limit with
 * the `$usage` reports and hand-raise `$signal`s the widget sends, pricing visits, the
 * nudges the config triggers on those signals (experiments bucketed as the widget
 * buckets them; treatment converts better than control) and some `plan_upgraded`
 * conversions. Engagement varies a lot between users, so the funnel drops off as real
 * ones do. Deterministic: the same options give the same messages.
 *
 * @example
 * for (const workspace of teamChatPopulation({ users: 3000, days: 42, seed: 1, now })) send(workspace);
 */
export function* teamChatPopulation(options: PopulationOptions): Generator<Message[]> {
  const random = seededRandom(options.seed);
  const start = options.now - options.days * DAY;
  let made = 0;
  let account = 0;
  while (made < options.users) {
    account++;
    const size = random.pick(SIZES);
    const wanted = size === '1-10' ? random.int(1, 4) : random.int(2, size === '11-50' ? 6 : 12);
    const members = Math.min(wanted, options.users - made);
    const workspace = new Workspace(random, options, account, size, start);
    workspace.live(members, made);
    made += members;
    yield workspace.messages();
  }
}

class Workspace {
  private readonly out: Message[] = [];
  private readonly id: string;
  private used = 0;
  /** The first upgrade decided so far; later ones of the same workspace never happen. */
  private upgradedAt = Number.POSITIVE_INFINITY;
  private upgradedBy = '';
  private counter = 0;

  constructor(
    private readonly random: Random,
    private readonly options: PopulationOptions,
    account: number,
    private readonly size: string,
    private readonly start: number,
  ) {
    this.id = `ws_${options.seed}_${account}`;
  }

  live(members: number, firstUser: number): void {
    const { random, options } = this;
    const createdAt = this.start + random.next() * options.days * DAY;
    const people = Array.from({ length: members }, (_, i) => ({
      id: `u_${options.seed}_${firstUser + i + 1}`,
      // Engagement: most users try a little, a few use it a lot.
      engagement: random.next() ** 1.6,
      joinedAt: i === 0 ? createdAt : createdAt + random.wait(2 * DAY) + HOUR,
    }));
    const founder = people[0]!;
    const invites = members > 1 || random.chance(0.15 + 0.5 * founder.engagement);
    for (const person of people) this.signUp(person.id, person.joinedAt, person === founder);
    this.track(founder.id, createdAt + MINUTE, 'workspace_created', {
      workspaceId: this.id,
      companySize: this.size,
    });
    const channels = Math.round(founder.engagement * 6 + random.next());
    for (let c = 0; c < channels; c++) {
      this.track(
        founder.id,
        createdAt + 2 * MINUTE + random.wait(DAY * (1 - founder.engagement)),
        'channel_created',
        {
          channelId: `ch_${c + 2}`,
        },
      );
    }
    if (invites) {
      for (let i = 0; i < Math.max(members - 1, 1); i++) {
        const at = createdAt + 5 * MINUTE + random.wait(12 * HOUR);
        this.track(founder.id, at, 'teammate_invited', { invitedCount: i + 1 });
      }
    }
    // Messages, in time order across the workspace, so usage and limits add up.
    const sends: { user: string; at: number; engagement: number }[] = [];
    for (const person of people) {
      const count = Math.floor(
        person.engagement * 70 * (0.3 + random.next()) + (random.chance(0.6) ? 1 : 0),
      );
      let at = person.joinedAt + 3 * MINUTE;
      const gap = (3 - 2.5 * person.engagement) * HOUR;
      for (let m = 0; m < count; m++) {
        at += random.wait(gap);
        sends.push({ user: person.id, at, engagement: person.engagement });
      }
      if (random.chance(0.1)) {
        this.track(person.id, person.joinedAt + random.wait(DAY), '$checklist_dismissed', {
          checklistId: 'getting_started',
        });
      }
      if (random.chance(0.15 * person.engagement)) {
        const at2 = person.joinedAt + random.wait(5 * DAY);
        this.track(person.id, at2, 'huddle_clicked', { plan: 'free' });
        this.signal(person.id, at2, 'huddles_clicked', {});
      }
      if (this.size !== '1-10' && random.chance(0.06 * person.engagement)) {
        const asked = person.joinedAt + random.wait(10 * DAY);
        this.track(person.id, asked, 'talk_to_sales_clicked', { from: 'pricing' });
        // The demo config's `sales_requested` event signal: the widget raises it on this event.
        this.signal(person.id, asked + 1, 'sales_requested', {
          type: 'event',
          event: 'talk_to_sales_clicked',
        });
      }
      if (random.chance(0.03 * person.engagement)) {
        this.upgrade(person.id, person.joinedAt + random.wait(10 * DAY) + DAY);
      }
    }
    sends.sort((a, b) => a.at - b.at);
    for (const send of sends) this.send(send.user, send.at, send.engagement);
  }

  messages(): Message[] {
    const { now } = this.options;
    if (this.upgradedBy) {
      this.track(this.upgradedBy, this.upgradedAt, 'plan_upgraded', { plan: 'pro', from: 'free' });
      this.group(this.upgradedBy, this.upgradedAt);
      // Who signs in after the upgrade sees the workspace on Pro.
      for (const m of this.out) {
        const traits = m.traits as Record<string, unknown> | undefined;
        if (traits && Date.parse(m.timestamp) >= this.upgradedAt) traits.plan = 'pro';
      }
    }
    return this.out
      .filter((m) => Date.parse(m.timestamp) <= now)
      .sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp));
  }

  private signUp(user: string, at: number, founder: boolean): void {
    const { random } = this;
    const anonymousId = `anon_${user}`;
    this.emit(
      { type: 'page', anonymousId, name: 'Sign up', properties: { path: '/signup' } },
      at - 2 * MINUTE,
    );
    const name = `${FIRST[random.int(0, FIRST.length - 1)]} ${LAST[random.int(0, LAST.length - 1)]}`;
    this.emit(
      {
        type: 'identify',
        userId: user,
        anonymousId,
        traits: {
          email: `${user}@example.com`,
          name,
          firstName: name.split(' ')[0],
          role: founder ? 'founder' : random.pick(ROLES),
          plan: 'free',
          locale: random.pick(LOCALES),
          createdAt: new Date(at).toISOString(),
        },
      },
      at,
    );
    this.group(user, at);
  }

  private group(user: string, at: number): void {
    this.emit(
      {
        type: 'group',
        userId: user,
        groupId: this.id,
        traits: { name: `Workspace ${this.id}`, plan: 'free', companySize: this.size },
      },
      at + 1000,
    );
  }

  private send(user: string, at: number, engagement: number): void {
    const { random } = this;
    const free = at < this.upgradedAt;
    if (free && this.used >= FREE_LIMIT) return; // the composer is blocked at the limit
    this.used++;
    this.track(user, at, 'message_sent', { channelId: 'ch_1', length: random.int(3, 400) });
    if (!free) return;
    if (this.used >= 40) {
      this.track(user, at + 500, '$usage', {
        metric: 'messages',
        used: this.used,
        limit: FREE_LIMIT,
      });
    }
    if (this.used === 40 || this.used === FREE_LIMIT) {
      const threshold = this.used === 40 ? 0.8 : 1;
      this.signal(user, at + 600, 'message_limit', { threshold });
      if (random.chance(0.3 + 0.4 * engagement)) {
        const visit = at + random.wait(HOUR) + MINUTE;
        this.emit(
          {
            type: 'page',
            userId: user,
            name: 'Pricing',
            properties: { path: '/pricing' },
            context: { groupId: this.id },
          },
          visit,
        );
        this.signal(user, visit + 100, 'pricing_viewed', {});
        if (random.chance(0.3))
          this.track(user, visit + MINUTE, 'upgrade_clicked', { plan: 'free', from: 'pricing' });
      }
    }
  }

  /** A fired hand-raise, and the nudges it triggers. */
  private signal(user: string, at: number, signalId: string, extra: Record<string, unknown>): void {
    this.track(user, at, SIGNAL_EVENT, { signalId, ...extra });
    if (at >= this.upgradedAt) return;
    for (const nudge of this.options.nudges ?? []) {
      if (!('signal' in nudge.trigger) || nudge.trigger.signal !== signalId) continue;
      if (
        'threshold' in extra &&
        nudge.trigger.threshold !== undefined &&
        nudge.trigger.threshold !== extra.threshold
      )
        continue;
      this.nudge(user, at + 200, nudge);
    }
  }

  private nudge(user: string, at: number, nudge: Nudge): void {
    const { random } = this;
    const base = { nudgeId: nudge.id, kind: nudge.kind };
    const held = inControl(nudge.experiment, user, nudge.id);
    const arm = nudge.experiment ? { variant: held ? 'control' : 'treatment' } : {};
    this.track(user, at, NUDGE_EVENTS.eligible, { ...base, ...arm });
    if (nudge.experiment) this.track(user, at + 10, NUDGE_EVENTS.exposure, { ...base, ...arm });
    if (!held) {
      this.track(user, at + 20, NUDGE_EVENTS.shown, { ...base, ...arm });
      if (random.chance(0.3)) {
        this.track(user, at + 5000 + random.wait(20_000), NUDGE_EVENTS.clicked, {
          ...base,
          ...arm,
          action: nudge.cta?.action.type ?? 'url',
        });
      } else if (random.chance(0.7)) {
        this.track(user, at + 3000 + random.wait(10_000), NUDGE_EVENTS.dismissed, {
          ...base,
          ...arm,
        });
      }
    }
    if (random.chance(held ? UPGRADE_UNPROMPTED : UPGRADE_AFTER_PROMPT)) {
      this.upgrade(user, at + random.wait(3 * DAY) + MINUTE);
    }
  }

  private upgrade(user: string, at: number): void {
    if (at >= this.upgradedAt) return;
    this.upgradedAt = at;
    this.upgradedBy = user;
  }

  private track(
    user: string,
    at: number,
    event: string,
    properties: Record<string, unknown>,
  ): void {
    this.emit(
      { type: 'track', userId: user, event, properties, context: { groupId: this.id } },
      at,
    );
  }

  private emit(message: Record<string, unknown>, at: number): void {
    this.counter++;
    this.out.push({
      messageId: `seed_${this.id}_${this.counter}`,
      ...message,
      timestamp: new Date(Math.round(at)).toISOString(),
    });
  }
}

const FIRST = [
  'Ada',
  'Ben',
  'Chloé',
  'Dev',
  'Ewa',
  'Farid',
  'Gita',
  'Hiro',
  'Ines',
  'Jonas',
  'Kemal',
  'Lena',
  'Mei',
  'Nadia',
  'Omar',
  'Paola',
];
const LAST = [
  'Lovelace',
  'Okafor',
  'Nowak',
  'Rossi',
  'Yılmaz',
  'Chen',
  'Haddad',
  'Silva',
  'Berg',
  'Tanaka',
  'Moreau',
  'Kowalski',
];
