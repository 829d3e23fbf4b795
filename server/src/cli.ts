import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { configJsonSchema } from '../../core/config/json-schema';
import { ConfigFileError, loadConfigFile } from './config-file';
import { startCollector } from './main';
import { runSeed, SeedUsageError } from './seed/seed-command';
import { readSettings, SettingsError } from './settings';
import { simulate } from './simulate';
import { WebhookSecretError } from './webhooks/secrets';

const USAGE = `Usage: ahakit <command>

Commands:
  serve [--demo-receiver]
                      start the collector (settings from the environment, see README);
                      --demo-receiver also starts the local receiver the demo webhook
                      posts to, printing each delivery (what npm start runs)
  validate <config>   check a config file and list every problem
  simulate <config> <events.jsonl>
                      replay events through the rules and print what fires, and why
  schema              print the JSON Schema of the config file
  seed [--users N] [--days N] [--seed N] [--force]
                      fill the store with a deterministic TeamChat population
  help                show this help`;

/** Runs one CLI command and returns the process exit code. */
export async function runCli(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  try {
    switch (command) {
      case 'serve': {
        const unknown = rest.find((arg) => arg !== '--demo-receiver');
        if (unknown !== undefined) {
          console.error(`Unknown option "${unknown}" for serve.\n\n${USAGE}`);
          return 2;
        }
        const collector = await startCollector(readSettings(), {
          demoReceiver: rest.includes('--demo-receiver'),
        });
        const stop = () => {
          void collector.close().then(() => process.exit(0));
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        return -1; // keep running
      }
      case 'validate': {
        const file = rest[0];
        if (!file) {
          console.error('Usage: ahakit validate <config.json>');
          return 2;
        }
        const config = loadConfigFile(resolve(file));
        console.log(`${file} is a valid ahakit config for "${config.product.name}".`);
        return 0;
      }
      case 'simulate': {
        const [configFile, eventsFile] = rest;
        if (!configFile || !eventsFile) {
          console.error('Usage: ahakit simulate <config.json> <events.jsonl>');
          return 2;
        }
        const { lines, problems } = simulate(
          loadConfigFile(resolve(configFile)),
          resolve(eventsFile),
        );
        for (const l of lines) console.log(`line ${l.line}  ${l.subject}  ${l.text}`);
        for (const p of problems) console.error(`[ahakit] skipped ${p}`);
        if (lines.length === 0) console.log('Nothing fired.');
        return problems.length > 0 ? 1 : 0;
      }
      case 'seed':
        await runSeed(rest, readSettings());
        return 0;
      case 'schema':
        process.stdout.write(`${JSON.stringify(configJsonSchema(), null, 2)}\n`);
        return 0;
      case 'version':
      case '--version':
        console.log(
          JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version,
        );
        return 0;
      case undefined:
      case 'help':
      case '--help':
        console.log(USAGE);
        return command === undefined ? 2 : 0;
      default:
        console.error(`Unknown command "${command}".\n\n${USAGE}`);
        return 2;
    }
  } catch (error) {
    if (
      error instanceof ConfigFileError ||
      error instanceof SettingsError ||
      error instanceof WebhookSecretError ||
      error instanceof SeedUsageError
    ) {
      console.error(`[ahakit] ${error.message}`);
      return 1;
    }
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      console.error(
        `[ahakit] The port is already in use: set PORT to another one. (${(error as Error).message})`,
      );
      return 1;
    }
    throw error;
  }
}
