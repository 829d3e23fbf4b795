import { parseArgs } from 'node:util';
import { loadConfigFile } from '../config-file';
import type { Settings } from '../settings';
import { openSqliteStore } from '../store/sqlite';
import { seedStore } from './seed-store';

const DAY = 86_400_000;

export const SEED_USAGE = `Usage: ahakit seed [--users N] [--days N] [--seed N] [--force]

Fills the collector's store (AHAKIT_DATA_DIR) with a deterministic TeamChat population.
  --users N   users to create (default 3000)
  --days N    sign-ups spread over the last N days (default 42)
  --seed N    the random seed: the same seed gives the same population (default 1)
  --force     add to a store that already has events`;

export class SeedUsageError extends Error {}

/** `ahakit seed`: checks its options, refuses a store with events unless --force, seeds it. */
export async function runSeed(args: string[], settings: Settings): Promise<void> {
  const values = options(args);
  const users = wholeNumber('--users', values.users, 1, 1_000_000);
  const days = wholeNumber('--days', values.days, 1, 365);
  const seed = wholeNumber('--seed', values.seed, 0, 2 ** 32 - 1);
  const config = loadConfigFile(settings.configPath);
  const store = openSqliteStore({ dataDir: settings.dataDir });
  try {
    const existing = await store.countEvents();
    if (existing > 0 && !values.force) {
      throw new SeedUsageError(
        `The store in ${settings.dataDir} already holds ${existing} events: use another AHAKIT_DATA_DIR, or --force to add the population to them.`,
      );
    }
    // Today's midnight (UTC) ends the population, so a re-run the same day is identical.
    const now = Math.floor(Date.now() / DAY) * DAY;
    const started = performance.now();
    const result = await seedStore(store, config, { users, days, seed, now }, (text) =>
      console.log(`[ahakit] ${text}`),
    );
    console.log(
      `[ahakit] seeded ${result.users} users in ${result.accounts} workspaces, ${result.events} events over ${days} days (seed ${seed}) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  } finally {
    await store.close();
  }
}

function options(args: string[]) {
  try {
    return parseArgs({
      args,
      options: {
        users: { type: 'string', default: '3000' },
        days: { type: 'string', default: '42' },
        seed: { type: 'string', default: '1' },
        force: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new SeedUsageError(`${(error as Error).message}\n\n${SEED_USAGE}`);
  }
}

function wholeNumber(name: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) {
    throw new SeedUsageError(
      `${name} must be a whole number from ${min} to ${max} (got "${text}")`,
    );
  }
  return n;
}
