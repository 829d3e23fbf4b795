import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openMetrics } from '../../server/src/store/sqlite-metrics';
import { SCHEMA } from '../../server/src/store/sqlite-schema';

/** Each statement the metrics prepare, with SQLite's query plan for it. */
function metricsPlans(): { sql: string; plan: string[] }[] {
  const db = new Database(':memory:');
  db.exec(SCHEMA);
  const statements: string[] = [];
  const spy = new Proxy(db, {
    get(target, key) {
      if (key === 'prepare') {
        return (sql: string) => {
          statements.push(sql);
          return target.prepare(sql);
        };
      }
      const value = Reflect.get(target, key);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  openMetrics(spy);
  return statements.map((sql) => {
    const named = Object.fromEntries([...sql.matchAll(/@(\w+)/g)].map((m) => [m[1], '[]']));
    const positional = (sql.match(/\?/g) ?? []).map(() => null);
    const explain = db.prepare(`EXPLAIN QUERY PLAN ${sql}`);
    const rows = (
      Object.keys(named).length > 0 ? explain.all(named) : explain.all(...positional)
    ) as { detail: string }[];
    return { sql, plan: rows.map((r) => r.detail) };
  });
}

describe('the metrics queries', () => {
  const plans = metricsPlans();
  const planOf = (fragment: string) => {
    const found = plans.find((p) => p.sql.includes(fragment));
    if (!found) throw new Error(`no statement with ${fragment}`);
    return found.plan.join('\n');
  };

  it('read no stored table whole: events, decisions, states, scores and links through indexes', () => {
    const scans = plans.flatMap((p) =>
      p.plan.filter((line) =>
        /^SCAN (events|decisions|subject_states|pql_scores|memberships|identities|users|accounts)\b/.test(
          line,
        ),
      ),
    );
    expect(scans).toEqual([]);
  });

  it("take the cohort and the milestones from covering indexes, without reading the states' or decisions' rows", () => {
    expect(planOf('INSERT INTO temp.metric_cohort')).toContain(
      'COVERING INDEX subject_states_cohort',
    );
    const milestones = planOf("d.kind = 'milestone'");
    expect(milestones).toContain('COVERING INDEX decisions_ref');
    expect(milestones).not.toContain('decisions_subject');
    expect(planOf("'pql.qualified'")).toContain('COVERING INDEX decisions_ref');
  });

  it("find nudge events with their nudge and arm in events_nudge, not in each event's JSON", () => {
    expect(planOf('INSERT INTO temp.metric_nudge_events')).toMatch(
      /SEARCH e USING (COVERING )?INDEX events_nudge/,
    );
  });

  it('find goal events before identify from the goal events, not once per start', () => {
    const goals = planOf('CASE WHEN gl.filtered');
    // The anonymous branch starts from the goals, reads their events, then probes the starts.
    expect(goals).toMatch(
      /SCAN gl\nSEARCH g USING INDEX events_track[^\n]*\nSEARCH i USING PRIMARY KEY \(anonymous_id=\?\)\nSEARCH st USING PRIMARY KEY/,
    );
  });
});
