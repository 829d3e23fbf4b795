import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { configJsonSchema } from '../../core/config/json-schema';
import { ConfigFileError, loadConfigFile } from './config-file';
import { startCollector } from './main';
import { runSeed, SeedUsageError } from './seed/seed-command';
import { readSettings, SettingsError } from './settings';
import { printSimulation } from './simulate/print';
import { simulate } from './simulate/simulate';
import { WebhookSecretError } from './webhooks/secrets';

const USAGE = `Usage: ahakit <command>

Commands:
  serve [--demo-receiver]
                      start the collector (settings from the environment, see README);
                      --demo-receiver also starts the local receiver the demo webhook
                      posts to, printing each delivery (what npm start runs)
  validate <config>   check a config file and list every problem
  simulate <config> <events.jsonl> [--json]
                      replay Segment messages (one per line) through the rules and print
                      what fires, and why: milestones, checklists, signals, nudges, PQLs,
                      webhooks; exit 0 when every line was read, 3 when lines were skipped
  schema              print the JSON Schema of the config file
  mcp                 serve the schema, validate, simulate and read-only metrics and
                      user explanations to AI assistants over MCP (stdio)
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
        const json = rest.includes('--json');
        const [configFile, eventsFile, extra] = rest.filter((a) => a !== '--json');
        if (!configFile || !eventsFile || extra !== undefined) {
          console.error('Usage: ahakit simulate <config.json> <events.jsonl> [--json]');
          return 2;
        }
        const sim = simulate(loadConfigFile(resolve(configFile)), resolve(eventsFile));
        if (json) process.stdout.write(`${JSON.stringify(sim, null, 2)}\n`);
        else {
          printSimulation(sim, (text) => console.log(text));
          for (const p of sim.problems) console.error(`[ahakit] skipped ${p}`);
        }
        // Skipped lines are a distinct failure: what was read is still reported.
        return sim.problems.length > 0 ? 3 : 0;
      }
      case 'mcp': {
        const settings = readSettings();
        const { StdioServerTransport } = await import('@modelcontextprotocol/sdk/server/stdio.js');
        const { createMcpServer } = await import('./mcp/mcp-server');
        const server = createMcpServer({
          configPath: settings.configPath,
          dataDir: settings.dataDir,
          version: packageVersion(),
        });
        await server.connect(new StdioServerTransport());
        return -1; // keep running until the client closes stdin
      }
      case 'seed':
        await runSeed(rest, readSettings());
        return 0;
      case 'schema':
        process.stdout.write(`${JSON.stringify(configJsonSchema(), null, 2)}\n`);
        return 0;
      case 'version':
      case '--version':
        console.log(packageVersion());
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

function packageVersion(): string {
  return JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;
}
