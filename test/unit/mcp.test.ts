import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface ToolBody {
  ok: boolean;
  problems: string[];
  lines: { kind: string }[];
  scores: { definition: string; id: string; qualifies: boolean }[];
}

/** The text of a tool result, parsed. */
function body(result: Awaited<ReturnType<Client['callTool']>>): ToolBody {
  const [first] = result.content as { type: string; text: string }[];
  return JSON.parse(first!.text);
}

describe('ahakit mcp, driven by the MCP SDK’s own client over stdio', () => {
  let client: Client;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ahakit-mcp-'));
    const env = Object.fromEntries(
      Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined),
    );
    client = new Client({ name: 'ahakit-test', version: '1.0.0' });
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: ['bin/ahakit.js', 'mcp'],
        env: { ...env, AHAKIT_CONFIG: 'demo/ahakit.config.json', AHAKIT_DATA_DIR: dataDir },
        stderr: 'pipe',
      }),
    );
  }, 60_000);
  afterAll(async () => {
    await client?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('lists its tools', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([
      'config_schema',
      'explain_user',
      'metrics',
      'simulate',
      'validate_config',
    ]);
    expect(tools.every((t) => t.annotations?.readOnlyHint)).toBe(true);
  });

  it('validates a broken config, listing every problem with did-you-mean', async () => {
    const broken = readFileSync('test/fixtures/ten-problems.config.json', 'utf8');
    const result = body(
      await client.callTool({ name: 'validate_config', arguments: { config: broken } }),
    );
    expect(result.ok).toBe(false);
    expect(result.problems).toHaveLength(10);
    expect(result.problems).toContain(
      'pql[0].fit[0]: unknown key "acountTrait"; did you mean "accountTrait"?',
    );
    const good = readFileSync('demo/ahakit.config.json', 'utf8');
    expect(
      body(await client.callTool({ name: 'validate_config', arguments: { config: good } })),
    ).toEqual({
      ok: true,
      product: 'TeamChat',
      problems: [],
    });
  });

  it('simulates a journey with the collector’s config: signals, nudges, PQL and webhooks', async () => {
    const events = readFileSync('test/fixtures/teamchat-full-journey.jsonl', 'utf8');
    const result = body(await client.callTool({ name: 'simulate', arguments: { events } }));
    const kinds = new Set(result.lines.map((l) => l.kind));
    expect([...kinds].sort()).toEqual([
      'activation',
      'checklist',
      'milestone',
      'nudge',
      'pql',
      'signal',
      'webhook',
    ]);
    expect(
      result.scores.find((s: { definition: string }) => s.definition === 'upsell'),
    ).toMatchObject({
      id: 'ada',
      qualifies: true,
    });
  });

  it('says so when there is no collector data to read, instead of making some', async () => {
    const result = await client.callTool({ name: 'explain_user', arguments: { userId: 'ada' } });
    expect(result.isError).toBe(true);
    expect((result.content as { text: string }[])[0]!.text).toContain('No collector data');
  });
});
