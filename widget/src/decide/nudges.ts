import type { NudgeAction } from '../../../core/config/nudges';
import type { PublicNudge as Nudge, PublicConfig } from '../../../core/config/public-config';
import {
  compileNudges,
  compileRules,
  decide,
  emptyState,
  goalReached,
  type Happening,
  inControl,
  NUDGE_EVENTS,
  type NudgeRules,
  pagePath,
  pickLocale,
  type Rules,
  SIGNAL_EVENT,
  type SignalInput,
  signalsFor,
  TALK_TO_SALES,
  triggeredNudges,
  type UsageMarks,
} from '../../../core/engine';
import type { AhakitEvents } from '../api';
import type { Store } from '../delivery/storage';
import type { Emitter } from '../emitter';
import type { Onboarding } from '../onboarding/model';
import type { Platform } from '../platform';
import { loadNudges } from '../surfaces';
import type { NudgeSurface } from '../surfaces/nudges/mount';
import type { IdentityState } from '../tracking/identity';
import { wantedLocale } from '../tracking/locale';
import type { Warn } from '../warn';
import { createBooks, entry } from './book';
import { deviceOf } from './device';
import { createWaitingLine, type Waiting } from './waiting-line';

export interface NudgeOptions {
  on: Emitter<AhakitEvents>['on'];
  identity: () => IdentityState;
  /** The signed-in user's progress (milestones, traits), when it is followed. */
  progress: () => Onboarding | null;
  /** Resolves once the user's progress, when it is followed, is ready to be read. */
  progressReady: () => Promise<void>;
  platform: Platform;
  store: Store;
  warn: Warn;
  track: (event: string, properties: Record<string, unknown>) => void;
}

/** A tooltip whose target has not appeared by then is given up (recorded as expired). */
const ANCHOR_WAIT_MS = 10_000;
/** Prompts waiting for the screen: how many at most, and for how long. */
const LINE_LIMIT = 3;
const LINE_MAX_AGE_MS = 10 * 60_000;
/**
 * Hand-raise signals and upgrade prompts in the browser. Watches what the user does (page
 * views, including SPA navigation; `usage()`; tracked events; clicks on configured
 * elements, in shadow roots too, wherever they render), reports each fired signal as a
 * `$signal` event, and decides with the shared engine which nudge to show, if any: one
 * at a time, within each nudge's frequency and the global fatigue budget, holding back
 * experiment control groups (who are recorded as exposed and see nothing). Every step is
 * reported (`NUDGE_EVENTS`). History lives in IndexedDB, so other tabs and later visits
 * respect it.
 */
export function startNudges(options: NudgeOptions) {
  const { on, identity, platform, store, warn, track } = options;
  const win = platform.window;
  let rules: NudgeRules<Nudge> | null = null;
  let milestoneRules: Rules | null = null;
  let config: PublicConfig | null = null;
  let configJson = '';
  let lastPath: string | undefined;
  /** The nudges surface, once a nudge was shown. */
  let ui: Promise<NudgeSurface | null> | null = null;
  /** A nudge is on screen, or on its way there (surface loading, tooltip target awaited). */
  let busy = false;
  /** Which one. */
  let onScreen: string | null = null;
  /** Eligible prompts waiting for the screen to be free. */
  const line = createWaitingLine(LINE_LIMIT, LINE_MAX_AGE_MS);
  /** Bumped by a new config or reset: what was on its way is dropped. */
  let generation = 0;

  const who = () => {
    const { userId, anonymousId } = identity();
    return userId ?? anonymousId;
  };

  const books = createBooks({ store, warn, who, win });
  const { update } = books;
  const session = books.sessionShows;

  const variantOf = (nudge: Nudge, user: string) =>
    nudge.experiment
      ? inControl(nudge.experiment, user, rules?.nudgeById.get(nudge.id)?.seed)
        ? 'control'
        : 'treatment'
      : undefined;

  const report = (event: string, nudge: Nudge, user: string, extra: object = {}) =>
    track(event, {
      nudgeId: nudge.id,
      kind: nudge.kind,
      variant: variantOf(nudge, user),
      ...extra,
    });

  const locale = () => {
    const model = options.progress();
    if (model) return model.locale.value;
    const { supported, default: fallback } = config!.locales;
    return pickLocale(wantedLocale(identity().traits, win), supported) ?? fallback;
  };

  const audience = () => {
    const model = options.progress();
    const me = identity();
    return {
      traits: model?.traits.value ?? me.traits,
      accountTraits: model?.accountTraits.value ?? me.groupTraits,
      user: model?.user.value ?? emptyState(),
      account: model?.account.value ?? undefined,
      rules: milestoneRules!,
      ...(win && { device: deviceOf(win), viewportWidth: win.innerWidth }),
    };
  };

  /**
   * Shows the nudge, or records the holdout, once a tooltip's target exists. What never
   * reaches the screen (no target, the surface failed, another user by then) is recorded
   * as expired, so each eligible pick is exposed exactly once.
   */
  const present = async (nudge: Nudge, user: string, holdout: boolean) => {
    const mine = generation;
    const current = () => mine === generation && who() === user;
    const waiting = { nudgeId: nudge.id, priority: nudge.priority, user, since: Date.now() };
    const giveUp = (reason: string) => {
      if (mine === generation) expire(waiting, reason);
      freeScreen(mine, holdout);
    };
    // A held-back user sees nothing: the screen stays free for others.
    if (!holdout) {
      busy = true;
      onScreen = nudge.id;
    }
    try {
      // Only tooltips wait for an element: the waiting comes with the first one.
      const target =
        nudge.kind === 'tooltip' && win?.document
          ? await import('../actions/wait-for-element').then(({ waitForElement }) =>
              waitForElement(win.document, nudge.anchor, ANCHOR_WAIT_MS, () =>
                warn(`"${nudge.anchor}" is not a valid selector`),
              ),
            )
          : null;
      if (!current()) return giveUp('user_changed');
      if (nudge.kind === 'tooltip' && !target) return giveUp('no_target');
      const shown = holdout ? null : await surface();
      if (!current()) return giveUp('user_changed');
      if (!holdout && !shown) return giveUp('surface_failed');
      if (shown && !(await shown.show(nudge, locale(), audience(), target))) {
        return giveUp(current() ? 'render_failed' : 'user_changed');
      }
      const now = Date.now();
      if (holdout || nudge.experiment) report(NUDGE_EVENTS.exposure, nudge, user);
      if (shown) {
        report(NUDGE_EVENTS.shown, nudge, user);
        session(1);
      }
      update((book) => {
        const h = entry(book, nudge.id);
        h.shows += 1;
        h.lastShownAt = now;
        if (shown) book.recent.push(now);
      });
      if (!shown) freeScreen(mine, holdout);
    } catch (error) {
      warn('a nudge failed', error);
      giveUp('failed');
    }
  };

  /** Nothing of `present`'s is on screen (any more): the next waiting prompt may come. */
  function freeScreen(mine = generation, holdout = false) {
    if (holdout || mine !== generation) return;
    busy = false;
    onScreen = null;
    drain();
  }

  /** Records a waiting prompt that will not be shown, and its exposure in an experiment. */
  const expire = (waiting: Waiting, reason: string) => {
    const nudge = rules?.nudgeById.get(waiting.nudgeId)?.nudge;
    if (!nudge) return;
    if (nudge.experiment) report(NUDGE_EVENTS.exposure, nudge, waiting.user);
    report(NUDGE_EVENTS.expired, nudge, waiting.user, { reason });
  };

  /** Puts an eligible prompt in line for the screen (it is recorded as eligible now). */
  const wait = (nudge: Nudge, user: string) => {
    if (nudge.id === onScreen || line.has(nudge.id)) return;
    report(NUDGE_EVENTS.eligible, nudge, user);
    const waiting = { nudgeId: nudge.id, priority: nudge.priority, user, since: Date.now() };
    for (const dropped of line.add(waiting)) expire(dropped, 'queue_full');
  };

  /**
   * Once the screen is free: the first waiting prompt that is still eligible (audience,
   * frequency, fatigue, decided afresh) is presented; the others are recorded as expired.
   */
  function drain() {
    update((book, user) => {
      if (!rules || busy) return;
      const { next, stale } = line.next(Date.now());
      for (const waiting of stale) expire(waiting, 'timeout');
      if (!next) return;
      // Signed in since (a sign-out empties the line): the same person, another id.
      if (next.user !== user) {
        expire(next, 'user_changed');
        return drain();
      }
      const decision = decide(rules, {
        triggered: [next.nudgeId],
        audience: audience(),
        history: book.history,
        fatigue: { sessionShows: session(), recentShows: book.recent },
        userId: user,
        now: Date.now(),
      });
      const nudge = decision.pick && rules.nudgeById.get(decision.pick.nudgeId)?.nudge;
      if (nudge) {
        void present(nudge, user, decision.pick!.kind === 'holdout');
      } else {
        expire(next, decision.ineligible[0]?.reason ?? 'ineligible');
        drain();
      }
    });
  }

  /** Signals from `inputs`, then the nudges they and `happening` trigger, then a decision. */
  const consider = (inputs: SignalInput[], happening: Happening, only?: string) => {
    // Audiences read milestones: decide once the user's progress is known.
    books.after(options.progressReady);
    update((book, user) => {
      if (!rules) return;
      const signals = [];
      for (const input of inputs) {
        const result = signalsFor(rules, input, book.marks);
        book.marks = result.marks as UsageMarks;
        signals.push(...result.hits);
      }
      for (const { signalId, trigger } of signals) track(SIGNAL_EVENT, { signalId, ...trigger });
      const triggered = only ? [only] : triggeredNudges(rules, { ...happening, signals });
      if (!triggered.length) return;
      const { pick, eligible } = decide(rules, {
        triggered,
        audience: audience(),
        history: book.history,
        fatigue: { sessionShows: session(), recentShows: book.recent },
        userId: user,
        now: Date.now(),
      });
      const nudge = pick && rules.nudgeById.get(pick.nudgeId)?.nudge;
      if (!nudge || nudge.id === onScreen || line.has(nudge.id)) return;
      // The others eligible now wait their turn, unless the winner is held back: a
      // control group sees nothing, and nothing else instead.
      const others = pick.kind === 'show' ? eligible.filter((id) => id !== nudge.id) : [];
      if (pick.kind === 'show' && busy) wait(nudge, user);
      else {
        report(NUDGE_EVENTS.eligible, nudge, user);
        void present(nudge, user, pick.kind === 'holdout');
      }
      for (const id of others) wait(rules.nudgeById.get(id)!.nudge, user);
    });
  };

  /** A goal event converts each nudge shown (or held back) within its window. */
  const convert = (event: string, properties: Record<string, unknown>, timestamp: number) =>
    update((book, user) => {
      for (const { nudge } of rules?.nudges ?? []) {
        const h = book.history[nudge.id];
        if (!nudge.goal || !h?.lastShownAt || h.convertedAt) continue;
        if (!goalReached(nudge.goal, h.lastShownAt, { event, properties, timestamp })) continue;
        h.convertedAt = timestamp;
        report(NUDGE_EVENTS.converted, nudge, user, { goal: event });
      }
    });

  const close = (nudge: Nudge, dontShowAgain: boolean) => {
    const user = who();
    report(NUDGE_EVENTS.dismissed, nudge, user, { dontShowAgain });
    update((book) => {
      const h = entry(book, nudge.id);
      h.lastDismissedAt = Date.now();
      if (dontShowAgain) h.dontShowAgain = true;
    });
    freeScreen();
  };

  const act = (nudge: Nudge, action: NudgeAction) => {
    const user = who();
    report(NUDGE_EVENTS.clicked, nudge, user, { action: action.type });
    if (action.type === 'talk_to_sales') {
      track(SIGNAL_EVENT, { signalId: TALK_TO_SALES, type: TALK_TO_SALES, nudgeId: nudge.id });
      return true;
    }
    // The surface takes the prompt away and does what the action says.
    freeScreen();
    return false;
  };

  /** The nudges surface, fetched and mounted the first time a nudge is shown. */
  const surface = () =>
    (ui ??= loadNudges()
      .then(({ mountNudges }) =>
        mountNudges(win!.document, {
          theme: config!.theme,
          strings: config!.strings,
          locales: config!.locales,
          warn,
          act,
          close,
        }),
      )
      .catch((error: unknown) => {
        // Not loaded (a deploy removed the chunk, the network failed) or not mounted: the
        // next prompt tries again.
        ui = null;
        warn('could not load the upgrade prompts', error);
        return null;
      }));

  const onClick = (event: Event) => {
    if (!rules) return;
    const path = event.composedPath();
    // Clicks in ahakit's own surfaces are not the user's hand-raises.
    if (path.some((node) => (node as Element).localName?.startsWith('ahakit-'))) return;
    for (const signal of rules.signals.values()) {
      if (signal.type !== 'click') continue;
      try {
        if (path.some((node) => (node as Element).matches?.(signal.selector)))
          consider([{ kind: 'click', matched: signal.id }], {});
      } catch {
        warn(`signal "${signal.id}": "${signal.selector}" is not a valid selector`);
      }
    }
  };

  const page = (path: string | undefined) => {
    if (path === undefined || path === lastPath) return;
    lastPath = path;
    consider([{ kind: 'page', path }], { path });
  };

  const stop = () => {
    generation++;
    busy = false;
    onScreen = null;
    line.clear();
    void ui?.then((surface) => surface?.unmount()).catch((error) => warn('a nudge failed', error));
    ui = null;
    win?.document?.removeEventListener('click', onClick, true);
  };

  const unsubscribe = [
    on('config', ({ config: next }) => {
      // The network's copy of the cached config: nothing changes, nothing is shown twice.
      const json = JSON.stringify(next);
      if (json === configJson) return;
      configJson = json;
      const fresh = next as PublicConfig | null;
      stop();
      config = fresh;
      rules = fresh?.nudges?.length || fresh?.signals?.length ? compileNudges(fresh) : null;
      milestoneRules = rules && compileRules(fresh!);
      if (!rules || !win?.document) return;
      win.document.addEventListener('click', onClick, true);
      // The first page view is usually sent before the config arrives.
      lastPath = undefined;
      page(pagePath({ path: win.location?.pathname, url: win.location?.href }, rules.hashRoutes));
    }),
    on('reset', () => {
      // A sign-out drops what waited for the user who left.
      line.clear();
      generation++;
      busy = false;
      onScreen = null;
      void ui?.then((surface) => surface?.hide()).catch((error) => warn('a nudge failed', error));
    }),
  ];

  return {
    /** Each message the widget queues, with the milestones it reached. */
    handle(message: AhakitEvents['track'], reached: string[]) {
      if (!rules) return;
      const m = message as typeof message & {
        event?: string;
        properties?: Record<string, unknown>;
      };
      const properties = m.properties ?? {};
      if (m.type === 'page') return page(pagePath(properties, rules.hashRoutes));
      const happening: Happening = { milestones: reached };
      const inputs: SignalInput[] = [];
      const event = m.event;
      if (m.type === 'track' && event && event !== SIGNAL_EVENT && !event.startsWith('$nudge_')) {
        happening.event = { event, properties };
        inputs.push(
          event === '$usage'
            ? { kind: 'usage', ...(properties as { metric: string; used: number; limit: number }) }
            : { kind: 'event', event, properties },
        );
        convert(event, properties, Date.parse(m.timestamp));
      }
      if (inputs.length || reached.length) consider(inputs, happening);
    },
    /** `ahakit.show(id)`: considers the nudge now, within its frequency and the budget. */
    show(nudgeId: string) {
      if (!rules?.nudgeById.has(nudgeId)) return warn(`unknown nudge "${nudgeId}"`);
      consider([], {}, nudgeId);
    },
    stop() {
      for (const off of unsubscribe) off();
      stop();
    },
  };
}
