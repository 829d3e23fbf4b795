import { describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../server/src/config-file';
import { simulate } from '../../server/src/simulate';

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
