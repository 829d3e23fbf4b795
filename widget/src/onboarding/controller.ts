import type { PublicConfig } from '../../../core/config/public-config';
import type { AhakitConfig } from '../../../core/config/schema';
import { compileRules, type Rules } from '../../../core/engine';
import type { AhakitEvents } from '../api';
import type { Emitter } from '../emitter';
import type { IdentityState } from '../identity';
import type { Platform } from '../platform';
import type { Store } from '../storage';
import { mountUi } from '../ui/mount';
import type { Warn } from '../warn';
import { createOnboarding, type Onboarding } from './model';
import { runAction } from './run-action';
import { startSync } from './sync';

export interface ControllerOptions {
  on: Emitter<AhakitEvents>['on'];
  identity: () => IdentityState;
  platform: Platform;
  store: Store;
  endpoint: string;
  writeKey: string;
  warn: Warn;
  track: (event: string, properties: Record<string, unknown>) => void;
  /** After each message is applied: the milestones it reached, and the user's progress. */
  onMessage?: (message: AhakitEvents['track'], reached: string[], model: Onboarding | null) => void;
}

/**
 * Decides when the user's progress is followed: once a config with checklists or nudges
 * (whose audiences and triggers read milestones) has arrived and the user is identified
 * (progress is per user). Builds the model and its sync for that user, and the checklist
 * UI when there are checklists; rebuilds them for another user or another config, and
 * tears them down on `reset()`. Until then it does nothing, and costs nothing.
 * Returns the model getter and the function that tears everything down.
 */
export function startOnboarding(options: ControllerOptions) {
  const { on, identity, platform, warn } = options;
  let rules: Rules | null = null;
  let theme: AhakitConfig['theme'] | undefined;
  let strings: PublicConfig['strings'] | undefined;
  let configJson = '';
  let running: {
    userId: string;
    model: Onboarding;
    stop: () => void;
  } | null = null;

  const stop = () => {
    running?.stop();
    running = null;
  };

  const start = () => {
    stop();
    const who = identity();
    const win = platform.window;
    if (!rules || !who.userId || !win?.document) return;
    const model = createOnboarding({
      rules,
      userId: who.userId,
      traits: who.traits,
      accountId: who.groupId,
      accountTraits: who.groupTraits,
      language: win.navigator?.language,
      strings,
      track: options.track,
      perform: (action) => runAction(action, win, warn),
    });
    const stopSync = startSync({ ...options, model });
    const unmount = rules.checklists.length ? mountUi(win.document, model, theme, warn) : () => {};
    running = {
      userId: who.userId,
      model,
      stop: () => {
        stopSync();
        unmount();
      },
    };
  };

  const unsubscribe = [
    on('config', ({ config }) => {
      const json = JSON.stringify(config);
      if (json === configJson) return;
      configJson = json;
      rules = config?.checklists?.length || config?.nudges?.length ? compileRules(config) : null;
      theme = config?.theme;
      strings = (config as PublicConfig | null)?.strings;
      start();
    }),
    on('identify', ({ userId }) => {
      if (userId !== running?.userId) start();
    }),
    on('track', (message) => {
      const model = running?.model ?? null;
      const reached = model?.apply(message) ?? [];
      options.onMessage?.(message, reached, model);
    }),
    on('reset', stop),
  ];

  return {
    /** The signed-in user's progress, while it is followed. */
    model: () => running?.model ?? null,
    stop() {
      for (const off of unsubscribe) off();
      stop();
    },
  };
}
