import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { configJsonSchema } from '../../../core/config/json-schema';
import type { AhakitConfig } from '../../../core/config/schema';
import { formatProblem } from '../../../core/config/validate';
import { reasonsAt } from '../../../core/engine';
import { ConfigFileError, loadConfigFile, parseConfigText } from '../config-file';
import { dateRange } from '../metrics/date-range';
import { metricsReport } from '../metrics/report';
import { readEventsText } from '../simulate/read-events';
import { simulateMessages } from '../simulate/simulate';
import { openSqliteStore } from '../store/sqlite';
import type { Store } from '../store/store';

export interface McpOptions {
  /** The collector's config file: what `simulate` uses when no config is given. */
  configPath: string;
  /** The collector's data folder, read (never written) for metrics and user explanations. */
  dataDir: string;
  version: string;
}

const json = (value: unknown) => ({
  content: [{ type: 'text' as const, text: JSON.stringify(value, null, 2) }],
});
const failure = (message: string) => ({
  content: [{ type: 'text' as const, text: message }],
  isError: true,
});

/**
 * ahakit for AI assistants, over MCP: the config's JSON Schema, `validate` and
 * `simulate` (so an assistant can draft a config change and prove it before a human
 * merges it), and read-only metrics and user explanations from the collector's store.
 * Nothing is written, and no AI runs here.
 */
export function createMcpServer(options: McpOptions): McpServer {
  const server = new McpServer({ name: 'ahakit', version: options.version });
  let store: Store | null = null;
  const openStore = (): Store | null => {
    if (store) return store;
    if (!existsSync(join(options.dataDir, 'ahakit.sqlite'))) return null;
    store = openSqliteStore({ dataDir: options.dataDir });
    return store;
  };
  const readConfig = (text: string | undefined): AhakitConfig =>
    text === undefined ? loadConfigFile(options.configPath) : parseConfigText(text, 'config');

  server.registerTool(
    'config_schema',
    {
      title: 'Config JSON Schema',
      description:
        'The JSON Schema of ahakit.config.json: every section (milestones, checklists, signals, nudges, pql, webhooks), with descriptions and defaults.',
      annotations: { readOnlyHint: true },
    },
    async () => json(configJsonSchema()),
  );

  server.registerTool(
    'validate_config',
    {
      title: 'Validate a config',
      description:
        'Checks the text of an ahakit.config.json and lists every problem at once, with its path, what was expected and a "did you mean" for typos. Answers {ok, problems}.',
      inputSchema: { config: z.string().describe('The config file’s text (JSON).') },
      annotations: { readOnlyHint: true },
    },
    async ({ config }) => {
      try {
        const parsed = parseConfigText(config, 'config');
        return json({ ok: true, product: parsed.product.name, problems: [] });
      } catch (error) {
        if (!(error instanceof ConfigFileError)) throw error;
        return json({ ok: false, problems: error.problems.map(formatProblem) });
      }
    },
  );

  server.registerTool(
    'simulate',
    {
      title: 'Simulate events',
      description:
        'Replays Segment messages (JSON Lines, one message per line) through the rules and says what fires and why, each with its line: milestones, activation, checklist items, hand-raise signals, nudge decisions, PQL qualifications and scores with reasons, webhooks that would be sent.',
      inputSchema: {
        events: z.string().describe('The events, one Segment message (JSON) per line.'),
        config: z
          .string()
          .optional()
          .describe('A config’s text to try; the collector’s config file when absent.'),
      },
      annotations: { readOnlyHint: true },
    },
    async ({ events, config }) => {
      let parsed: AhakitConfig;
      try {
        parsed = readConfig(config);
      } catch (error) {
        if (!(error instanceof ConfigFileError)) throw error;
        return failure(error.message);
      }
      const { messages, problems } = readEventsText(events);
      return json({ ...simulateMessages(parsed, messages), problems });
    },
  );

  server.registerTool(
    'metrics',
    {
      title: 'Growth metrics',
      description:
        'The metrics report for users first seen in a date range (UTC days, both included; the last 30 days by default): funnel, weekly trends, time to value, checklists, nudges, experiments, PQLs. Read-only.',
      inputSchema: {
        from: z.string().optional().describe('First day, YYYY-MM-DD.'),
        to: z.string().optional().describe('Last day, YYYY-MM-DD.'),
      },
      annotations: { readOnlyHint: true },
    },
    async ({ from, to }) => {
      const s = openStore();
      if (!s) return failure(`No collector data in ${options.dataDir} (set AHAKIT_DATA_DIR).`);
      try {
        const range = dateRange({ from, to }, Date.now());
        return json(await metricsReport(s, loadConfigFile(options.configPath), range));
      } catch (error) {
        return failure((error as Error).message);
      }
    },
  );

  server.registerTool(
    'explain_user',
    {
      title: 'Explain a user',
      description:
        'Why a user is (or is not) a PQL: each definition’s score with its reasons, the milestones reached and the decisions made for them, and their traits. Read-only.',
      inputSchema: { userId: z.string().min(1).describe('The user id, as sent to identify.') },
      annotations: { readOnlyHint: true },
    },
    async ({ userId }) => {
      const s = openStore();
      if (!s) return failure(`No collector data in ${options.dataDir} (set AHAKIT_DATA_DIR).`);
      const [profile, state, scores, decisions] = await Promise.all([
        s.getUser(userId),
        s.loadSubject('user', userId),
        s.pqlScoresOf('user', userId),
        s.decisionsOf('user', userId, 100),
      ]);
      if (!profile && !state) return failure(`No user "${userId}" has been seen.`);
      const iso = (t: number | null | undefined) =>
        typeof t === 'number' ? new Date(t).toISOString() : null;
      const now = Date.now();
      return json({
        userId,
        traits: profile?.traits ?? {},
        accounts: profile?.accountIds ?? [],
        activatedAt: iso(state?.state.activatedAt),
        milestones: Object.entries(state?.state.reached ?? {}).map(([id, at]) => ({
          id,
          reachedAt: iso(at),
        })),
        pql: scores.map((p) => ({
          definition: p.definition,
          score: p.score,
          qualifies: p.qualifies,
          firstQualifiedAt: iso(p.firstQualifiedAt),
          reasons: reasonsAt(p.reasons, now),
        })),
        decisions: decisions.map((d) => ({ kind: d.kind, ref: d.ref, at: iso(d.at) })),
      });
    },
  );

  return server;
}
