/**
 * The script-tag entry, built to `ahakit.js`: a loader of a few hundred bytes. It finds
 * its own tag (only this file and `embed.ts` touch the page's globals) and imports the
 * core, a content-hashed ES module beside it that is cached for good; the core installs
 * `window.ahakit` and replays the calls the snippet queued. Surfaces (checklist, prompts)
 * are further chunks the core imports only when it shows them.
 */
import type { embed } from './embed';

/** The core's file, relative to this script: written in by the build. */
declare const __AHAKIT_CORE__: string;

const warn = (message: string, cause: unknown) => {
  try {
    console.warn(`[ahakit] ${message} (${cause})`);
  } catch {
    // A host without a console gets silence.
  }
};

try {
  const own = document.currentScript as HTMLScriptElement | null;
  // From a loader, currentScript is another script or null: then the first tag that
  // looks like ours.
  const tag = [own, document.querySelector<HTMLScriptElement>('script[data-key][src*="ahakit"]')]
    .filter((script): script is HTMLScriptElement => !!script?.src)
    .find((script) => script.dataset.key);
  const core = new URL(__AHAKIT_CORE__, (tag ?? own)?.src || location.href).href;
  import(/* @vite-ignore */ core).then(
    (module: { embed: typeof embed }) => module.embed(tag),
    (error: unknown) => warn(`could not load ${core}; ahakit is off`, error),
  );
} catch (error) {
  warn('could not start; ahakit is off', error);
}
