import type Database from 'better-sqlite3';
import { NUDGE_EVENTS } from '../../../core/engine/nudges/events';
import type { GoalQuery, MetricsCounts, MetricsQuery, NudgeUserCounts } from './store';

/**
 * The metrics report's counting, in SQL over the events, the projection's states and
 * decisions, and the PQL scores. Nudge and goal events are found through the
 * `events_track (event, user_id, timestamp)` index, cohorts through
 * `subject_states (kind, first_seen)`; nothing reads every event.
 *
 * An event belongs to its userId, or, sent before identify, to the user its anonymous id
 * was identified as (as in the user's timeline).
 */

/** The users first seen in the range. */
const COHORT = "s.kind = 'user' AND s.first_seen >= @from AND s.first_seen < @to";

/** Nudge events (names in @names), with the user they belong to, for users of the cohort. */
const NUDGE_EVENTS_OF_COHORT = `
  WITH named AS (
    SELECT e.user_id AS uid, e.event, e.timestamp AS ts, e.payload FROM events e
     WHERE e.type = 'track' AND e.event IN (SELECT value FROM json_each(@names)) AND e.user_id IS NOT NULL
    UNION ALL
    SELECT i.user_id, e.event, e.timestamp, e.payload FROM events e
      JOIN identities i ON i.anonymous_id = e.anonymous_id
     WHERE e.type = 'track' AND e.event IN (SELECT value FROM json_each(@names)) AND e.user_id IS NULL
  ), mine AS (
    SELECT n.uid, n.event, n.ts, json_extract(n.payload, '$.properties.nudgeId') AS nudge,
           json_extract(n.payload, '$.properties.variant') AS variant
      FROM named n CROSS JOIN subject_states s ON s.kind = 'user' AND s.id = n.uid
     WHERE s.first_seen >= @from AND s.first_seen < @to
  )
  INSERT INTO temp.metric_nudge_events (nudge, event, uid, ts, variant)
  SELECT nudge, event, uid, ts, variant FROM mine WHERE nudge IS NOT NULL`;

const NUDGE_COLUMNS: Record<string, keyof NudgeUserCounts> = {
  [NUDGE_EVENTS.eligible]: 'eligible',
  [NUDGE_EVENTS.shown]: 'shown',
  [NUDGE_EVENTS.clicked]: 'clicked',
  [NUDGE_EVENTS.dismissed]: 'dismissed',
};

/** Later than any event: "any time after". */
const FOREVER = Number.MAX_SAFE_INTEGER;

export function openMetrics(db: Database.Database): (query: MetricsQuery) => MetricsCounts {
  // Starts (a user first seen, first shown a nudge, first exposed) and the goal each one
  // waits for, so that one indexed join finds every goal event of every start.
  db.exec(`
    CREATE TEMP TABLE IF NOT EXISTS metric_starts (key TEXT NOT NULL, uid TEXT NOT NULL, t0 INTEGER NOT NULL, arm TEXT);
    CREATE TEMP TABLE IF NOT EXISTS metric_goals (key TEXT PRIMARY KEY, event TEXT NOT NULL, within INTEGER NOT NULL, filtered INTEGER NOT NULL);
    CREATE TEMP TABLE IF NOT EXISTS metric_nudge_events (nudge TEXT NOT NULL, event TEXT NOT NULL, uid TEXT NOT NULL, ts INTEGER NOT NULL, variant TEXT);
  `);
  // CROSS JOIN fixes the join order: without statistics the planner may otherwise scan
  // every account's decisions (or scores) once per user.
  const funnel = db.prepare(
    `WITH qualified AS MATERIALIZED (
       SELECT id FROM pql_scores WHERE kind = 'user' AND first_qualified_at IS NOT NULL
       UNION
       SELECT m.user_id FROM pql_scores p CROSS JOIN memberships m ON m.account_id = p.id
        WHERE p.kind = 'account' AND p.first_qualified_at IS NOT NULL)
     SELECT count(*) AS newUsers, count(s.activated_at) AS activated,
       count(*) FILTER (WHERE s.id IN qualified) AS pql
     FROM subject_states s WHERE ${COHORT}`,
  );
  const ttv = db
    .prepare(
      `SELECT s.activated_at - s.first_seen FROM subject_states s WHERE ${COHORT} AND s.activated_at IS NOT NULL`,
    )
    .pluck();
  const milestones = db.prepare(
    `SELECT ref, count(*) AS users FROM (
       SELECT d.ref, s.id FROM subject_states s
         CROSS JOIN decisions d ON d.subject_kind = 'user' AND d.subject_id = s.id AND d.kind = 'milestone'
        WHERE ${COHORT} AND d.ref IN (SELECT value FROM json_each(@milestones))
       UNION
       SELECT d.ref, s.id FROM subject_states s
         CROSS JOIN memberships m ON m.user_id = s.id
         CROSS JOIN decisions d ON d.subject_kind = 'account' AND d.subject_id = m.account_id AND d.kind = 'milestone'
        WHERE ${COHORT} AND d.ref IN (SELECT value FROM json_each(@milestones))
     ) GROUP BY ref`,
  );
  // The nudge events of the cohort are read once (their JSON parsed once), then counted twice.
  const collectNudgeEvents = db.prepare(NUDGE_EVENTS_OF_COHORT);
  const clearNudgeEvents = db.prepare('DELETE FROM temp.metric_nudge_events');
  const nudgeUsers = db.prepare(
    'SELECT nudge, event, count(DISTINCT uid) AS users FROM temp.metric_nudge_events GROUP BY nudge, event',
  );
  const clearStarts = db.prepare('DELETE FROM temp.metric_starts');
  const clearGoals = db.prepare('DELETE FROM temp.metric_goals');
  const addGoal = db.prepare(
    'INSERT INTO temp.metric_goals (key, event, within, filtered) VALUES (?, ?, ?, ?)',
  );
  const cohortStarts = db.prepare(
    `INSERT INTO temp.metric_starts (key, uid, t0) SELECT @key, s.id, s.first_seen FROM subject_states s WHERE ${COHORT}`,
  );
  // The first show of each nudge (a control user is exposed but shown nothing, so an
  // exposure starts no nudge conversion); the first exposure, with its arm, of each experiment.
  const nudgeStarts = db.prepare(
    `INSERT INTO temp.metric_starts (key, uid, t0, arm)
     SELECT 'nudge:' || nudge, uid, min(ts), NULL FROM temp.metric_nudge_events
      WHERE event = '${NUDGE_EVENTS.shown}'
      GROUP BY nudge, uid
     UNION ALL
     -- A bare column next to min() comes from the row with the minimum: the first exposure's arm.
     SELECT 'experiment:' || nudge, uid, min(ts), variant FROM temp.metric_nudge_events
      WHERE event = '${NUDGE_EVENTS.exposure}'
      GROUP BY nudge, uid`,
  );
  const startCounts = db.prepare(
    'SELECT key, arm, count(*) AS users FROM temp.metric_starts GROUP BY key, arm',
  );
  const goalEvents = db.prepare(
    `SELECT st.key, st.arm, st.uid, CASE WHEN gl.filtered THEN g.payload END AS payload
       FROM temp.metric_starts st JOIN temp.metric_goals gl ON gl.key = st.key
       JOIN events g ON g.type = 'track' AND g.event = gl.event AND g.user_id = st.uid
        AND g.timestamp >= st.t0 AND g.timestamp <= st.t0 + gl.within
     UNION ALL
     SELECT st.key, st.arm, st.uid, CASE WHEN gl.filtered THEN g.payload END
       FROM temp.metric_starts st JOIN temp.metric_goals gl ON gl.key = st.key
       JOIN identities i ON i.user_id = st.uid
       JOIN events g ON g.user_id IS NULL AND g.anonymous_id = i.anonymous_id AND g.type = 'track'
        AND g.event = gl.event AND g.timestamp >= st.t0 AND g.timestamp <= st.t0 + gl.within`,
  );
  const pqlCells = db.prepare(
    `SELECT p.fit, p.value, count(*) AS count, sum(p.qualifies) AS qualified
       FROM pql_scores p JOIN subject_states s ON s.kind = p.kind AND s.id = p.id
      WHERE p.definition = @definition AND p.kind = @kind AND s.first_seen >= @from AND s.first_seen < @to
      GROUP BY p.fit, p.value`,
  );

  const nudgeNames = JSON.stringify([
    NUDGE_EVENTS.eligible,
    NUDGE_EVENTS.exposure,
    NUDGE_EVENTS.shown,
    NUDGE_EVENTS.clicked,
    NUDGE_EVENTS.dismissed,
  ]);

  // One transaction: every count reads the same snapshot of the store.
  return db.transaction((q: MetricsQuery): MetricsCounts => {
    const range = { from: q.from, to: q.to };
    const head = funnel.get(range) as { newUsers: number; activated: number; pql: number };

    const reached: Record<string, number> = Object.fromEntries(q.milestones.map((m) => [m, 0]));
    for (const row of milestones.all({
      ...range,
      milestones: JSON.stringify(q.milestones),
    }) as { ref: string; users: number }[]) {
      reached[row.ref] = row.users;
    }

    const nudges: Record<string, NudgeUserCounts> = {};
    const known = new Set(q.nudges.map((n) => n.id));
    for (const n of q.nudges) {
      nudges[n.id] = { eligible: 0, shown: 0, clicked: 0, dismissed: 0, converted: 0 };
    }
    clearNudgeEvents.run();
    if (q.nudges.length > 0) collectNudgeEvents.run({ ...range, names: nudgeNames });
    for (const row of nudgeUsers.all() as {
      nudge: string;
      event: string;
      users: number;
    }[]) {
      const column = NUDGE_COLUMNS[row.event];
      if (column && known.has(row.nudge)) nudges[row.nudge]![column] = row.users;
    }

    // Goals: the conversion after first seen, each nudge's after its first show, each
    // experiment's after its first exposure.
    clearStarts.run();
    clearGoals.run();
    const goals = new Map<string, GoalQuery>();
    const want = (key: string, goal: GoalQuery) => {
      goals.set(key, goal);
      addGoal.run(key, goal.event, goal.withinMs ?? FOREVER, goal.matches ? 1 : 0);
    };
    if (q.conversion) {
      want('conversion', q.conversion);
      cohortStarts.run({ ...range, key: 'conversion' });
    }
    for (const n of q.nudges) {
      if (!n.goal) continue;
      want(`nudge:${n.id}`, n.goal);
      if (n.experiment) want(`experiment:${n.id}`, n.goal);
    }
    nudgeStarts.run();

    const converted = new Map<string, Set<string>>();
    for (const row of goalEvents.all() as {
      key: string;
      arm: string | null;
      uid: string;
      payload: string | null;
    }[]) {
      const goal = goals.get(row.key);
      if (goal?.matches && !goal.matches(propertiesOf(row.payload))) continue;
      const key = `${row.key}\u0000${row.arm ?? ''}`;
      const users = converted.get(key) ?? new Set<string>();
      converted.set(key, users.add(row.uid));
    }
    const convertedCount = (key: string, arm: string | null = null) =>
      converted.get(`${key}\u0000${arm ?? ''}`)?.size ?? 0;

    const experiments: MetricsCounts['experiments'] = {};
    for (const n of q.nudges) {
      nudges[n.id]!.converted = convertedCount(`nudge:${n.id}`);
      if (n.experiment) {
        experiments[n.id] = {
          treatment: { exposed: 0, converted: convertedCount(`experiment:${n.id}`, 'treatment') },
          control: { exposed: 0, converted: convertedCount(`experiment:${n.id}`, 'control') },
        };
      }
    }
    for (const row of startCounts.all() as { key: string; arm: string | null; users: number }[]) {
      const id = row.key.startsWith('experiment:') ? row.key.slice('experiment:'.length) : null;
      const arms = id === null ? undefined : experiments[id];
      if (arms && (row.arm === 'treatment' || row.arm === 'control')) {
        arms[row.arm].exposed = row.users;
      }
    }
    clearStarts.run();
    clearGoals.run();
    clearNudgeEvents.run();

    const pql: MetricsCounts['pql'] = {};
    for (const d of q.pql) {
      const cells = pqlCells.all({ ...range, definition: d.id, kind: d.scope }) as {
        fit: number;
        value: number;
        count: number;
        qualified: number;
      }[];
      pql[d.id] = {
        scored: cells.reduce((sum, c) => sum + c.count, 0),
        qualified: cells.reduce((sum, c) => sum + c.qualified, 0),
        cells: cells.map(({ fit, value, count }) => ({ fit, value, count })),
      };
    }

    return {
      funnel: { ...head, converted: q.conversion ? convertedCount('conversion') : 0 },
      ttvMs: ttv.all(range) as number[],
      milestones: reached,
      nudges,
      experiments,
      pql,
    };
  });
}

function propertiesOf(payload: string | null): Record<string, unknown> | undefined {
  if (payload === null) return undefined;
  const properties = (JSON.parse(payload) as { properties?: unknown }).properties;
  return typeof properties === 'object' && properties !== null
    ? (properties as Record<string, unknown>)
    : undefined;
}
