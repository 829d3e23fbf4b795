// A webhook dispatcher alone in its own process, on a store file, for the restart tests:
//   node --import tsx test/helpers/webhook-dispatcher-process.ts '<json options>'
// It prints "dispatching" once started and stops cleanly on SIGTERM.
import Database from 'better-sqlite3';
import type { Webhook } from '../../core/config/webhooks';
import { openOutbox } from '../../server/src/store/sqlite-outbox';
import { createDispatcher } from '../../server/src/webhooks/dispatcher';

const options = JSON.parse(process.argv[2] ?? '{}') as {
  dbPath: string;
  webhooks: Webhook[];
  timeoutMs: number;
  leaseMs: number;
};
const db = new Database(options.dbPath);
db.pragma('journal_mode = WAL');
db.pragma('busy_timeout = 5000');
const dispatcher = createDispatcher({
  outbox: openOutbox(db),
  webhooks: options.webhooks,
  timeoutMs: options.timeoutMs,
  leaseMs: options.leaseMs,
  pollMs: 50,
  retry: { baseMs: 100, capMs: 400 },
  log: (m) => console.log(`[ahakit] ${m}`),
});
dispatcher.start();
// The dispatcher's timer does not hold a process open (the collector's server does).
const keepAlive = setInterval(() => {}, 60_000);
console.log('dispatching');
process.on('SIGTERM', () => {
  clearInterval(keepAlive);
  void dispatcher.stop().then(() => {
    db.close();
    process.exit(0);
  });
});
