/**
 * One `[ahakit]` warning per distinct problem. A problem key names the problem, not the
 * call (`'storage'`, `'send:500'`), so a collector that is down for an hour logs one line,
 * not one per event.
 */
export type Warn = (key: string, message: string) => void;

export function createWarn(write: (message: string) => void): Warn {
  const seen = new Set<string>();
  return (key, message) => {
    if (seen.has(key)) return;
    seen.add(key);
    try {
      write(`[ahakit] ${message}`);
    } catch {
      // A host that replaced console.warn with something that throws gets silence.
    }
  };
}
