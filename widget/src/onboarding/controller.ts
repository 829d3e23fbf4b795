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
import { createOnboarding } from './model';
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
}

/**
 * Decides when the onboarding checklist exists: once a config with checklists has
 * arrived and the user is identified (checklists are per user). Builds the model, its
 * sync and the UI for that user, rebuilds them for another user or another config, and
 * tears them down on `reset()`. Until then it does nothing, and costs nothing.
 * Returns the function that tears everything down.
 */
export function startOnboarding(options: ControllerOptions): () => void {
  const { on, identity, platform, warn } = options;
  let rules: Rules | null = null;
  let theme: AhakitConfig['theme'] | undefined;
  let strings: PublicConfig['strings'] | undefined;
  let configJson = '';
  let running: {
    userId: string;
    apply: (m: AhakitEvents['track']) => void;
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
    const unmount = mountUi(win.document, model, theme, warn);
    running = {
      userId: who.userId,
      apply: model.apply,
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
      rules = config?.checklists?.length ? compileRules(config) : null;
      theme = config?.theme;
      strings = (config as PublicConfig | null)?.strings;
      start();
    }),
    on('identify', ({ userId }) => {
      if (userId !== running?.userId) start();
    }),
    on('track', (message) => running?.apply(message)),
    on('reset', stop),
  ];

  return () => {
    for (const off of unsubscribe) off();
    stop();
  };
}
