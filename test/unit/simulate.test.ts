import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../server/src/config-file';
import { simulate } from '../../server/src/simulate/simulate';

describe('ahakit simulate', () => {
  it('replays a journey and says which milestones, activation and checklist items fire, and why', () => {
    const config = loadConfigFile('test/fixtures/journey.config.json');
    const { lines, problems } = simulate(config, 'test/fixtures/teamchat-journey.jsonl');
    expect(lines.map((l) => `${l.line} ${l.text}`)).toEqual([
      '3 milestone workspace_created reached for account acme at 2026-11-02T09:00:02.000Z: 1 × "workspace_created"; completed by "workspace_created"',
      '6 milestone channels_created reached for account acme at 2026-11-02T09:04:00.000Z: 3 × "channel_created"; completed by "channel_created"',
      '6 checklist getting_started: item channels done',
      '7 milestone teammate_invited reached for account acme at 2026-11-02T09:05:00.000Z: 1 × "teammate_invited"; completed by "teammate_invited"',
      '7 checklist getting_started: item invite done',
      '18 milestone messages_sent reached at 2026-11-02T09:27:00.000Z: 10 × "message_sent"; completed by "message_sent"',
      '18 milestone aha reached at 2026-11-02T09:27:00.000Z: all of workspace_created, channels_created, teammate_invited, messages_sent; completed by "message_sent"',
      '18 activated at 2026-11-02T09:27:00.000Z: time to value 27 min',
      '18 checklist getting_started: item messages done',
      '18 checklist getting_started complete',
    ]);
    expect(problems).toEqual([
      'line 9: not JSON (Unexpected token \'o\', "not json" is not valid JSON)',
    ]);
  });
});

describe('ahakit simulate on the TeamChat journey with the demo config', () => {
  const config = loadConfigFile('demo/ahakit.config.json');
  const journey = 'test/fixtures/teamchat-full-journey.jsonl';

  it('prints the signals, nudge decisions, PQL and webhooks, each with the line that caused it', () => {
    const { lines, scores, problems } = simulate(config, journey);
    expect(problems).toEqual([]);
    const said = lines
      .filter((l) => ['signal', 'nudge', 'pql', 'webhook'].includes(l.kind))
      .map((l) => `${l.line} ${l.subject} ${l.text}`);
    expect(said).toEqual([
      '17 ada webhook demo-receiver would receive activation (activation)',
      expect.stringMatching(
        /^17 ada PQL upsell qualified: score 70 ≥ 70 — Free plan \+10 .*Reached the aha moment \+30/,
      ),
      '17 ada webhook demo-receiver would receive pql.qualified (PQL upsell)',
      '18 ada hand-raise signal pricing_viewed (Opened the pricing page): page /pricing',
      '18 ada nudge pricing_sales_card (card) shown',
      '19 ada hand-raise signal message_limit (Near the free message limit): messages at 40 of 50, crossed 80%',
      '19 ada webhook demo-receiver would receive handraise (hand-raise message_limit)',
      "19 ada nudge limit_near_card (card) held back: the user is in its experiment's control group (50% of users)",
      '20 ada hand-raise signal pricing_viewed (Opened the pricing page): page /pricing',
      '20 ada nudge pricing_sales_card (card) suppressed: frequency: shown or dismissed within its cooldownHours',
      '21 ada hand-raise signal sales_requested (Asked to talk to sales): event "talk_to_sales_clicked"',
      '21 ada webhook demo-receiver would receive handraise (hand-raise sales_requested)',
    ]);
    // A top-level groupId names the account, as context.groupId does.
    expect(lines.find((l) => l.line === 3)).toMatchObject({
      subject: 'acme',
      kind: 'milestone',
      cause: 'track "workspace_created"',
    });
    expect(scores.find((s) => s.definition === 'upsell')).toMatchObject({
      id: 'ada',
      qualifies: true,
      firstQualifiedAt: '2026-11-02T09:19:00.000Z',
    });
    expect(scores.find((s) => s.definition === 'expansion')).toMatchObject({
      id: 'acme',
      qualifies: false,
      missing: ['account plan ≠ free'],
    });
  });

  it('answers JSON with --json, and exits 0 when every line was read, 3 when lines were skipped, 2 on bad usage', () => {
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ['bin/ahakit.js', 'simulate', ...args], { encoding: 'utf8' });
    const json = run('demo/ahakit.config.json', journey, '--json');
    expect(json.status).toBe(0);
    const parsed = JSON.parse(json.stdout);
    expect(parsed.lines.filter((l: { kind: string }) => l.kind === 'nudge')).toHaveLength(3);
    expect(parsed.problems).toEqual([]);

    const skipped = run(
      'test/fixtures/journey.config.json',
      'test/fixtures/teamchat-journey.jsonl',
    );
    expect(skipped.status).toBe(3);
    expect(skipped.stdout).toContain('activated at 2026-11-02T09:27:00.000Z');
    expect(skipped.stderr).toContain('[ahakit] skipped line 9: not JSON');

    expect(run('demo/ahakit.config.json').status).toBe(2);
  }, 60_000);
});
