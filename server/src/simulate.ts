import { readFileSync } from 'node:fs';
import type { AhakitConfig } from '../../core/config/schema';
import { formatPath } from '../../core/config/validate';
import {
  applyEvent,
  type Change,
  compileNudges,
  compileRules,
  emptyState,
  pagePath,
  type SubjectState,
  signalsFor,
} from '../../core/engine';
import { messageSchema } from '../../core/events/schema';

export interface SimulationLine {
  line: number;
  subject: string;
  text: string;
}

/**
 * Replays events from a JSON Lines file (one Segment-shaped message per line) through the
 * rule engine, exactly as the collector would, and says what fires and why.
 */
export function simulate(
  config: AhakitConfig,
  file: string,
): { lines: SimulationLine[]; problems: string[] } {
  const rules = compileRules(config);
  const nudgeRules = compileNudges(config);
  const users = new Map<string, SubjectState>();
  const accounts = new Map<string, SubjectState>();
  const linked = new Map<string, string>();
  const titles = new Map(config.milestones.map((m) => [m.id, m]));
  const out: SimulationLine[] = [];
  const problems: string[] = [];

  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((text, index) => {
      const line = index + 1;
      if (!text.trim()) return;
      let raw: unknown;
      try {
        raw = JSON.parse(text);
      } catch (error) {
        problems.push(`line ${line}: not JSON (${(error as Error).message})`);
        return;
      }
      const parsed = messageSchema.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        problems.push(`line ${line}: ${formatPath(issue.path)} ${issue.message}`);
        return;
      }
      const m = parsed.data;
      if (m.type === 'identify' && m.userId && m.anonymousId) linked.set(m.anonymousId, m.userId);
      const userId =
        m.userId ??
        (m.anonymousId ? (linked.get(m.anonymousId) ?? `anonymous ${m.anonymousId}`) : null);
      if (!userId) return;
      const contextGroup = m.context?.groupId;
      const accountId =
        m.type === 'group' ? m.groupId : typeof contextGroup === 'string' ? contextGroup : null;
      const user = users.get(userId) ?? emptyState();
      const account = accountId ? (accounts.get(accountId) ?? emptyState()) : undefined;
      const applied = applyEvent(rules, account ? { user, account } : { user }, {
        messageId: m.messageId ?? `line-${line}`,
        type: m.type,
        event: m.type === 'track' ? m.event : undefined,
        properties: m.type === 'track' || m.type === 'page' ? m.properties : undefined,
        timestamp: Date.parse(m.timestamp ?? new Date(0).toISOString()),
        userId,
        accountId,
      });
      if (m.type === 'page') {
        // What the widget reports as a hand-raise when it sees this page (the same matcher).
        const path = pagePath(m.properties ?? {}, nudgeRules.hashRoutes);
        if (path !== undefined) {
          for (const hit of signalsFor(nudgeRules, { kind: 'page', path }).hits) {
            out.push({ line, subject: userId, text: `signal ${hit.signalId} fires: page ${path}` });
          }
        }
      }
      users.set(userId, applied.user);
      if (accountId && applied.account) accounts.set(accountId, applied.account);
      const what = m.type === 'track' ? `"${m.event}"` : m.type;
      for (const change of applied.changes) {
        out.push({ line, subject: userId, text: describe(change, what, titles, accountId) });
      }
    });
  return { lines: out, problems };
}

function describe(
  change: Change,
  what: string,
  milestones: Map<string, AhakitConfig['milestones'][number]>,
  accountId: string | null,
): string {
  const at = (ms: number) => new Date(ms).toISOString();
  const moved = change.moved ? ' (moved earlier by a late event)' : '';
  switch (change.kind) {
    case 'milestone': {
      const m = milestones.get(change.id);
      const why =
        m && 'event' in m
          ? `${m.count} × "${m.event}"${m.where.length ? ` where ${m.where.map((w) => `${w.property} ${w.op} ${JSON.stringify(w.value)}`).join(' and ')}` : ''}${m.within ? ` within ${m.within.days} days of ${m.within.of === 'now' ? 'each other' : 'first seen'}` : ''}`
          : m && 'all' in m
            ? `all of ${m.all.join(', ')}`
            : m && 'any' in m
              ? `any of ${m.any.join(', ')}`
              : '';
      const scope = change.scope === 'account' ? ` for account ${accountId}` : '';
      return `milestone ${change.id} reached${scope} at ${at(change.at)}${moved}: ${why}; completed by ${what}`;
    }
    case 'activation':
      return `activated at ${at(change.at)}${moved}: time to value ${formatDuration(change.ttvMs)}`;
    case 'checklist_item':
      return `checklist ${change.checklistId}: item ${change.itemId} done`;
    case 'checklist_complete':
      return `checklist ${change.checklistId} complete`;
  }
}

export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = minutes / 60;
  if (hours < 48) return `${hours.toFixed(1)} h`;
  return `${(hours / 24).toFixed(1)} days`;
}
