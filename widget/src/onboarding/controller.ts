import type { Condition } from '../../../core/config/conditions';
import type { PublicConfig } from '../../../core/config/public-config';
import { compileRules, emptyState, evaluateCondition, type Rules } from '../../../core/engine';
import type { AhakitEvents } from '../api';
import type { Store } from '../delivery/storage';
import type { Emitter } from '../emitter';
import type { Platform } from '../platform';
import { loadChecklist } from '../surfaces';
import type { IdentityState } from '../tracking/identity';
import type { Warn } from '../warn';
import type { Onboarding } from './model';

export interface ControllerOptions {
  on: Emitter<AhakitEvents>['on'];
  identity: () => IdentityState;
  platform: Platform;
  store: Store;
  endpoint: string;
  writeKey: string;
  warn: Warn;
  track: (event: string, properties: Record<string, unknown>) => void;
}

/** Told after each message is applied: the milestones it reached, and the user's progress. */
export type MessageHandler = (
  message: AhakitEvents['track'],
  reached: string[],
  model: Onboarding | null,
) => void;

/** Whether a condition reads the user's milestones or activation. */
const readsProgress = (value: unknown): boolean =>
  typeof value === 'object' &&
  value !== null &&
  Object.entries(value).some(
    ([key, inner]) => key === 'milestone' || key === 'activated' || readsProgress(inner),
  );

/**
 * Whether this config needs the user's progress in the browser: to show a checklist, or
 * for a nudge whose audience or trigger reads milestones.
 */
export const needsProgress = (config: PublicConfig | null) =>
  !!config?.checklists?.length ||
  !!config?.nudges?.some(
    (nudge) =>
      'milestone' in nudge.trigger || readsProgress(nudge.audience as Condition | undefined),
  );

interface Running {
  userId: string;
  model: Onboarding;
  stop: () => void;
}

/**
 * Decides when the user's progress is followed: once a config that needs it
 * (`needsProgress`) has arrived and the user is identified (progress is per user). Then it
 * fetches the progress chunk (milestone engine, model, sync, and from there the checklist
 * surface) and starts it for that user; it restarts for another user or another config,
 * and stops on `reset()`. Until then it does nothing, and costs nothing. Messages are
 * applied in order, each once the progress it belongs to is ready.
 */
export function startOnboarding(options: ControllerOptions) {
  const { on, identity, platform, warn } = options;
  let config: PublicConfig | null = null;
  let rules: Rules | null = null;
  let configJson = '';
  /** The current user's progress, once started; null when not followed. */
  let running: Promise<Running | null> = Promise.resolve(null);
  let current: Running | null = null;
  /** Whose progress is followed (or on its way). */
  let following: string | null = null;
  let generation = 0;
  /** Applies messages in order. */
  let applying: Promise<unknown> = Promise.resolve();
  let onMessage: MessageHandler = () => {};

  const stop = () => {
    generation++;
    current?.stop();
    current = null;
    following = null;
    running = Promise.resolve(null);
  };

  const start = () => {
    stop();
    const mine = generation;
    const who = identity();
    const win = platform.window;
    const userId = who.userId;
    if (!rules || !config || !userId || !win?.document) return;
    const [forRules, forConfig] = [rules, config];
    following = userId;
    // The audiences read traits the browser already has: when a checklist will show, its
    // surface is fetched alongside the progress chunk, not after it (milestones are not
    // known yet; this is only a head start, the model decides).
    const context = {
      traits: who.traits,
      accountTraits: who.groupTraits,
      user: emptyState(),
      rules: forRules,
    };
    if (
      forConfig.checklists.some(
        (list) => !list.audience || evaluateCondition(list.audience, context),
      )
    ) {
      loadChecklist().catch(() => {});
    }
    running = import('./progress').then(
      ({ startProgress }) => {
        if (mine !== generation) return null;
        const started = startProgress({
          ...options,
          rules: forRules,
          config: forConfig,
          who: { ...who, userId },
          win,
        });
        current = { userId, ...started };
        return current;
      },
      (error) => {
        warn('could not load checklist progress', error);
        return null;
      },
    );
  };

  const unsubscribe = [
    on('config', ({ config: next }) => {
      const json = JSON.stringify(next);
      if (json === configJson) return;
      configJson = json;
      config = next as PublicConfig | null;
      rules = needsProgress(config) ? compileRules(config!) : null;
      start();
    }),
    on('identify', ({ userId }) => {
      if (userId !== following) start();
    }),
    on('track', (message) => {
      const progress = running;
      applying = applying.then(async () => {
        try {
          const model = (await progress)?.model ?? null;
          const reached = model?.apply(message) ?? [];
          onMessage(message, reached, model);
        } catch (error) {
          warn('checklist progress failed', error);
        }
      });
    }),
    on('reset', stop),
  ];

  return {
    /** The signed-in user's progress, while it is followed. */
    model: () => current?.model ?? null,
    /** Resolves once the current user's progress, if it is followed, is ready. */
    ready: () => running.then(() => {}),
    /** Who hears of each message once applied (the nudges: milestone triggers). */
    forward(handler: MessageHandler) {
      onMessage = handler;
    },
    stop() {
      for (const off of unsubscribe) off();
      stop();
    },
  };
}
