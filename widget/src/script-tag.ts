/**
 * The script-tag entry, built to `ahakit.js`. The page has
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
import { type Ahakit, createInertAhakit } from './api';
import { createAhakit } from './client';
import { defaultPlatform } from './platform';
import { createWarn } from './warn';

const METHODS = [
  'identify',
  'group',
  'track',
  'page',
  'usage',
  'show',
  'on',
  'reset',
  'flush',
  'destroy',
  'user',
] as const;
type Method = (typeof METHODS)[number];

type Api = ((method: unknown, ...args: unknown[]) => unknown) &
  Partial<Record<Method, unknown>> & { q?: unknown; instance?: Ahakit; ready?: Promise<void> };

const isMethod = (name: unknown): name is Method =>
  typeof name === 'string' && (METHODS as readonly string[]).includes(name);

function install() {
  const warn = createWarn(defaultPlatform().warn);
  const win = window as Window & { ahakit?: Api };
  const existing = win.ahakit;
  if (typeof existing === 'function' && existing.instance) {
    warn('twice', 'ahakit.js is loaded twice on this page; the second copy does nothing');
    return;
  }

  const found = document.currentScript;
  const script =
    found instanceof HTMLScriptElement && found.hasAttribute('data-key')
      ? found
      : document.querySelector<HTMLScriptElement>('script[data-key][src*="ahakit"]');
  const writeKey = script?.getAttribute('data-key') ?? '';
  let endpoint = script?.getAttribute('data-endpoint') ?? '';
  if (!endpoint && script?.src) {
    try {
      endpoint = new URL(script.src, document.baseURI).origin;
    } catch {
      endpoint = '';
    }
  }

  let instance: Ahakit;
  if (writeKey) instance = createAhakit({ writeKey, endpoint });
  else {
    warn('key', 'the ahakit script tag has no data-key attribute, so ahakit is off');
    instance = createInertAhakit();
  }

  const api: Api = (method, ...args) => {
    if (isMethod(method)) return (instance[method] as (...rest: unknown[]) => unknown)(...args);
    warn(`method:${String(method)}`, `unknown method "${String(method)}"`);
    return undefined;
  };
  for (const method of METHODS) api[method] = instance[method];
  api.ready = instance.ready;
  if (writeKey) api.instance = instance;

  const queued = existing?.q;
  win.ahakit = api;
  if (!Array.isArray(queued)) return;
  for (const args of queued) {
    try {
      const [method, ...rest] = Array.from(args as ArrayLike<unknown>);
      api(method, ...rest);
    } catch {
      // api() is guarded already; a broken entry in q must not stop the others.
    }
  }
}

try {
  install();
} catch (error) {
  if (typeof console !== 'undefined') console.warn('[ahakit] could not start:', error);
}
