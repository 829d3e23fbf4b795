/**
 * One `[ahakit]` warning per distinct problem: what happened and what follows, then the
 * error or answer that caused it, like `could not send to …; retrying (HTTP 503)`. Messages
 * name the problem, not the call (no counts or ids that change from call to call), so a
 * collector that is down for an hour logs one line, not one per event.
 */
export type Warn = (message: string, cause?: unknown) => void;

export function createWarn(write: (message: string) => void): Warn {
  const seen = new Set<string>();
  return (message, cause) => {
    // An error reads as `TypeError: Failed to fetch`.
    if (cause !== undefined) message += ` (${cause})`;
    if (seen.has(message)) return;
    seen.add(message);
    try {
      write(`[ahakit] ${message}`);
    } catch {
      // A host without console, or whose console.warn throws, gets silence.
    }
  };
}
