import { effect } from '@preact/signals-core';
import type { PublicConfig } from '../../../core/config/public-config';
import type { Rules } from '../../../core/engine';
import { runAction } from '../actions/run-action';
import type { Platform } from '../platform';
import { loadChecklist } from '../surfaces';
import type { IdentityState } from '../tracking/identity';
import type { Warn } from '../warn';
import { createOnboarding } from './model';
import { type SyncOptions, startSync } from './sync';

export interface ProgressInput extends Omit<SyncOptions, 'model' | 'platform'> {
  rules: Rules;
  config: PublicConfig;
  who: IdentityState & { userId: string };
  platform: Platform;
  win: Window;
  warn: Warn;
  track: (event: string, properties: Record<string, unknown>) => void;
}

/**
 * One signed-in user's progress, in the chunk that carries the milestone engine and the
 * onboarding model (loaded only for configs with checklists or with nudges that read
 * milestones): the model, its sync across tabs, devices and reloads, and the checklist
 * surface, fetched once the model has a checklist to show (or to bring back). Returns the
 * model and the function that stops it all.
 *
 * @example
 * const { model, stop } = startProgress({ rules, config, who, platform, win, ... });
 */
export function startProgress(input: ProgressInput) {
  const { rules, config, who, win, warn } = input;
  const model = createOnboarding({
    rules,
    userId: who.userId,
    traits: who.traits,
    accountId: who.groupId,
    accountTraits: who.groupTraits,
    language: win.navigator?.language,
    strings: config.strings,
    track: input.track,
    perform: (action) => runAction(action, win, warn),
  });
  const stopSync = startSync({ ...input, model });
  let unmount: (() => void) | undefined;
  let stopped = false;
  // From a cached config this runs at once, so the surface arrives alongside the network's.
  const stopShowing = effect(() => {
    if (unmount || !(model.current.value || model.restorable.value)) return;
    unmount = () => {};
    loadChecklist().then(
      ({ mountChecklist }) => {
        if (!stopped) unmount = mountChecklist(win.document, model, config.theme, warn);
      },
      (error) => {
        unmount = undefined;
        warn('could not load the checklist', error);
      },
    );
  });
  return {
    model,
    stop() {
      stopped = true;
      stopShowing();
      stopSync();
      unmount?.();
    },
  };
}
