/** How a failing receiver is spared. */
export interface BreakerPolicy {
  /** Consecutive failed attempts that open the circuit. */
  failuresToOpen: number;
  /** How long it stays open the first time; each reopening without a success doubles it. */
  openMs: number;
  /** It never stays open longer than this. */
  maxOpenMs: number;
  /** Attempts at most per webhook in any minute, whatever the backlog. */
  perMinute: number;
}

/** Open after 5 failures in a row for 10 s, then 20 s, 40 s … up to 10 minutes; 120 attempts a minute. */
export const DEFAULT_BREAKER: BreakerPolicy = {
  failuresToOpen: 5,
  openMs: 10_000,
  maxOpenMs: 10 * 60_000,
  perMinute: 120,
};

interface Circuit {
  failures: number;
  /** Times it opened since the last success. */
  opened: number;
  openUntil: number;
  probing: boolean;
  /** Start times of the attempts of the last minute, oldest first. */
  recent: number[];
}

export interface Breakers {
  /** How many attempts may start now for a webhook: 0 while its circuit is open or a probe is out. */
  allowance(webhookId: string): number;
  started(webhookId: string): void;
  /** The receiver answered (2xx, or a 4xx that retrying won't change). */
  answered(webhookId: string): void;
  /** A network error, a timeout, 408, 429 or 5xx. Returns the time it opened until, if it opened. */
  failed(webhookId: string): number | null;
}

/**
 * One circuit breaker per webhook endpoint: after `failuresToOpen` failed attempts in a
 * row no delivery of it is attempted until the circuit half-opens, then one probe at a
 * time; a success closes it, a failure opens it again for twice as long. With a cap on
 * attempts per minute, a backlog of thousands of deliveries reaches a receiver that
 * comes back as a trickle, not a flood. Pure: the clock is handed in.
 *
 * @example const breakers = createBreakers(DEFAULT_BREAKER, Date.now); if (breakers.allowance('crm') > 0) …
 */
export function createBreakers(policy: BreakerPolicy, now: () => number): Breakers {
  const circuits = new Map<string, Circuit>();
  const circuit = (id: string): Circuit => {
    let c = circuits.get(id);
    if (!c) {
      c = { failures: 0, opened: 0, openUntil: 0, probing: false, recent: [] };
      circuits.set(id, c);
    }
    return c;
  };
  const inLastMinute = (c: Circuit, at: number): number => {
    while (c.recent.length > 0 && c.recent[0]! <= at - 60_000) c.recent.shift();
    return c.recent.length;
  };
  return {
    allowance(id) {
      const c = circuits.get(id);
      if (!c) return policy.perMinute;
      const at = now();
      const left = Math.max(0, policy.perMinute - inLastMinute(c, at));
      if (c.failures < policy.failuresToOpen) return left;
      if (at < c.openUntil || c.probing) return 0;
      return Math.min(1, left);
    },
    started(id) {
      const c = circuit(id);
      c.recent.push(now());
      if (c.failures >= policy.failuresToOpen) c.probing = true;
    },
    answered(id) {
      const c = circuit(id);
      c.failures = 0;
      c.opened = 0;
      c.probing = false;
    },
    failed(id) {
      const c = circuit(id);
      c.failures++;
      c.probing = false;
      // Requests sent before it opened may still fail after: they neither reopen it nor
      // lengthen the pause.
      if (c.failures < policy.failuresToOpen || now() < c.openUntil) return null;
      c.opened++;
      c.openUntil = now() + Math.min(policy.maxOpenMs, policy.openMs * 2 ** (c.opened - 1));
      return c.openUntil;
    },
  };
}
