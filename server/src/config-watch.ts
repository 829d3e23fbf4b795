import { readFileSync, watch } from 'node:fs';
import { basename, dirname } from 'node:path';

/** How long the file must be quiet before it is read: editors write in several steps. */
const SETTLE_MS = 150;

/**
 * Calls `onChange` with the config file's new text whenever it changes. The folder is
 * watched rather than the file, since many editors save by writing a new file and renaming
 * it over the old one, which ends a watch on the file itself. A save that leaves the text
 * as it was calls nothing.
 */
export function watchConfigFile(file: string, onChange: (text: string) => void): { close(): void } {
  let last = safeRead(file);
  let timer: ReturnType<typeof setTimeout> | null = null;
  const name = basename(file);
  const watcher = watch(dirname(file), (_event, changed) => {
    if (changed !== null && changed !== name) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      const text = safeRead(file);
      if (text === null || text === last) return;
      last = text;
      onChange(text);
    }, SETTLE_MS);
  });
  watcher.unref();
  return {
    close() {
      if (timer) clearTimeout(timer);
      watcher.close();
    },
  };
}

function safeRead(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    // Between an editor's delete and its write: the next event brings the new text.
    return null;
  }
}
