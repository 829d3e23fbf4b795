import type { AhakitConfig } from '../../../core/config/schema';
import { normalizeMessage } from '../ingest/normalize';
import { createProjector } from '../projection/projector';
import type { EventRow, Store } from '../store/store';
import { type PopulationOptions, teamChatPopulation } from './teamchat-population';

/** Rows per insert: one transaction each, like a busy collector's group commits. */
const CHUNK = 5_000;

export interface SeedResult {
  users: number;
  accounts: number;
  events: number;
}

/**
 * Fills a store with TeamChat's population (see `teamChatPopulation`): every message is
 * validated and normalized as the ingestion API does it, stored, then projected by the
 * collector's projector, so milestones, activations, PQL scores and their reasons are
 * decided by the real rules, not made up.
 *
 * @example
 * await seedStore(store, config, { users: 3000, days: 42, seed: 1, now: Date.now() });
 */
export async function seedStore(
  store: Store,
  config: AhakitConfig,
  options: Omit<PopulationOptions, 'nudges'> & {
    /** Stop after this many events (benchmarks want a round number). */
    maxEvents?: number;
  },
  progress: (text: string) => void = () => undefined,
): Promise<SeedResult> {
  let rows: EventRow[] = [];
  let events = 0;
  let accounts = 0;
  const flush = async () => {
    const result = await store.insertEvents(rows);
    events += result.inserted;
    rows = [];
  };
  const max = options.maxEvents ?? Number.POSITIVE_INFINITY;
  let taken = 0;
  for (const workspace of teamChatPopulation({ ...options, nudges: config.nudges })) {
    if (taken >= max) break;
    accounts++;
    for (const message of workspace.slice(0, max - taken)) {
      taken++;
      const normalized = normalizeMessage(message, {
        receivedAt: Date.parse(message.timestamp) + 150,
        fieldPrefix: '',
        index: 0,
      });
      if (!normalized.ok) {
        throw new Error(`seed message rejected: ${JSON.stringify(normalized.rejections)}`);
      }
      rows.push(normalized.row);
    }
    if (rows.length >= CHUNK) {
      await flush();
      progress(`stored ${events} events`);
    }
  }
  await flush();
  progress(`stored ${events} events of ${accounts} workspaces; projecting them`);
  // A made-up population is nobody to notify: its decisions put nothing in the webhook
  // outbox (the collector started later does not project them again: same rules).
  const projector = createProjector(store, { ...config, webhooks: [] });
  await projector.start();
  await projector.settled();
  await projector.stop();
  return { users: options.users, accounts, events };
}
