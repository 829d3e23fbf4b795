/**
 * What the script tag (`ahakit.js`) runs. The page has
 *
 * ```html
 * <script>window.ahakit=window.ahakit||function(){(ahakit.q=ahakit.q||[]).push(arguments)}</script>
 * <script async src="https://aha.example.com/ahakit.js" data-key="pk_live_…"></script>
 * ```
 *
 * `ahakit.js` (`script-tag.ts`) finds its tag and loads the core; this file alone then
 * touches `window.ahakit`: it creates one instance, replaces the stub with
 * `ahakit(method, ...args)` carrying every method (`ahakit.track(...)` works too), and
 * replays the calls the stub queued, in order.
 */
import { hasOwn } from '../../core/engine/compare';
import type { Ahakit } from './api';
import { createAhakit } from './client';
import { createWarn } from './warn';

type Api = ((method: unknown, ...args: unknown[]) => unknown) &
  Partial<Ahakit> & { q?: ArrayLike<unknown>[] };

const warn = createWarn((message) => console.warn(message));

function install(script: HTMLScriptElement | undefined) {
  const win = window as Window & { ahakit?: Api };
  const existing = win.ahakit;
  // The snippet's stub has no `ready`; an installed ahakit has.
  if (existing?.ready) return warn('ahakit.js is loaded twice; ignored');

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

/**
 * Installs `window.ahakit` for the script tag `script` (its `data-key` and, optionally,
 * `data-endpoint`); never throws. `ahakit.js` calls it once the core has loaded.
 */
export function embed(script?: HTMLScriptElement) {
  try {
    install(script);
  } catch (error) {
    warn('could not start; ahakit is off', error);
  }
}
