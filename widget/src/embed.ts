/**
 * What the script tag (`ahakit.js`) runs. The page has
 *
 * ```html
 * <script>window.ahakit=window.ahakit||function(){(ahakit.q=ahakit.q||[]).push(arguments)}</script>
 * <script async src="https://aha.example.com/ahakit.js" data-key="pk_live_…"></script>
 * ```
 *
 * This file alone reads `document.currentScript` and touches `window.ahakit`: it creates
 * one instance, replaces the stub with `ahakit(method, ...args)` carrying every method
 * (`ahakit.track(...)` works too), and replays the calls the stub queued, in order.
 */
import { hasOwn } from '../../core/engine/compare';
import type { Ahakit } from './api';
import { createAhakit } from './client';
import { createWarn } from './warn';

type Api = ((method: unknown, ...args: unknown[]) => unknown) &
  Partial<Ahakit> & { q?: ArrayLike<unknown>[] };

const warn = createWarn((message) => console.warn(message));

function install() {
  const win = window as Window & { ahakit?: Api };
  const existing = win.ahakit;
  // The snippet's stub has no `ready`; an installed ahakit has.
  if (existing?.ready) return warn('ahakit.js is loaded twice; ignored');

  // The tag that loaded this script, or (from a loader, where currentScript is another
  // script or null) the first tag that looks like it.
  const script = [
    document.currentScript,
    document.querySelector<HTMLScriptElement>('script[data-key][src*="ahakit"]'),
  ].find((tag) => tag?.dataset.key) as HTMLScriptElement | undefined;
  // Without a write key it warns and returns an instance that does nothing.
  const instance = createAhakit({
    writeKey: script?.dataset.key ?? '',
    // The collector serves this script, so it is at the script's origin unless told otherwise.
    endpoint: script?.dataset.endpoint || (script ? new URL(script.src).origin : ''),
  });

  const call = (method: unknown, ...args: unknown[]) => {
    const run = hasOwn(instance, method as string) && instance[method as keyof Ahakit];
    if (typeof run === 'function') return (run as (...rest: unknown[]) => unknown)(...args);
    warn(`unknown method "${String(method)}"`);
  };
  const api: Api = Object.assign(call, instance);

  win.ahakit = api;
  // The snippet queued `arguments` objects; api() never throws.
  for (const args of existing?.q ?? []) api(...(Array.from(args) as [unknown]));
}

/** Installs `window.ahakit`; never throws. */
export function embed() {
  try {
    install();
  } catch (error) {
    warn('could not start; ahakit is off', error);
  }
}
