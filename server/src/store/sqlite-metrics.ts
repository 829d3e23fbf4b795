import type Database from 'better-sqlite3';
import { NUDGE_EVENTS } from '../../../core/engine/nudges/events';
import type { WeekCounts } from '../../../core/metrics';
import { NUDGE_ID, NUDGE_INDEX_WHERE, VARIANT } from './sqlite-schema';
import type { GoalQuery, MetricsCounts, MetricsQuery, NudgeUserCounts } from './store';

/**
 * The metrics report's counting, in SQL over the events, the projection's states and
 * decisions, and the PQL scores. The cohort (the users, and accounts, first seen in the
 * range) is copied once into a temporary table from the covering index
 * `subject_states_cohort`; every other count joins it instead of reading the states.
 * Milestones come from the covering index `decisions_ref`, nudge events (with their
 * nudge id and arm) from the expression index `events_nudge`, goal events through
 * `events_track`; no count reads a stored event's JSON except a goal's with a `where`.
 *
 * An event belongs to its userId, or, sent before identify, to the user its anonymous id
 * was identified as (as in the user's timeline).
 */

/** Fills temp.metric_cohort with the users and accounts first seen in [@from, @to). */
const COHORT = `
  INSERT INTO temp.metric_cohort (kind, id, first_seen, activated_at)
  SELECT s.kind, s.id, s.first_seen, s.activated_at FROM subject_states s
   WHERE s.kind IN ('user', 'account') AND s.first_seen >= @from AND s.first_seen < @to`;

/**
 * The nudge events (names in @names) of the cohort's users, with the user they belong
 * to: their own, or the one their anonymous id was identified as.
 */
const NUDGE_EVENTS_OF_COHORT = `
  INSERT INTO temp.metric_nudge_events (event, nudge, uid, ts, variant)
  SELECT e.event, ${NUDGE_ID}, c.id, e.timestamp, ${VARIANT}
    FROM events e
    LEFT JOIN identities i ON e.user_id IS NULL AND i.anonymous_id = e.anonymous_id
    CROSS JOIN temp.metric_cohort c ON c.kind = 'user' AND c.id = coalesce(e.user_id, i.user_id)
   WHERE ${NUDGE_INDEX_WHERE} AND e.event IN (SELECT value FROM json_each(@names))
     AND ${NUDGE_ID} IS NOT NULL`;

const NUDGE_COLUMNS: Record<string, keyof NudgeUserCounts> = {
  [NUDGE_EVENTS.eligible]: 'eligible',
  [NUDGE_EVENTS.shown]: 'shown',
  [NUDGE_EVENTS.clicked]: 'clicked',
  [NUDGE_EVENTS.dismissed]: 'dismissed',
};

/** Later than any event: "any time after". */
const FOREVER = Number.MAX_SAFE_INTEGER;
const WEEK = 7 * 86_400_000;

export function openMetrics(db: Database.Database): (query: MetricsQuery) => MetricsCounts {
  // The cohort; the nudge events of its users; starts (a user first seen, first shown a
  // nudge, first exposed) and the goal each one waits for, so that one indexed join finds
  // every goal event of every start.
  db.exec(`
    CREATE TEMP TABLE IF NOT EXISTS metric_cohort (kind TEXT NOT NULL, id TEXT NOT NULL, first_seen INTEGER NOT NULL, activated_at INTEGER, PRIMARY KEY (kind, id)) WITHOUT ROWID;
    CREATE TEMP TABLE IF NOT EXISTS metric_starts (key TEXT NOT NULL, uid TEXT NOT NULL, t0 INTEGER NOT NULL, arm TEXT, PRIMARY KEY (key, uid)) WITHOUT ROWID;
    CREATE TEMP TABLE IF NOT EXISTS metric_goals (key TEXT PRIMARY KEY, event TEXT NOT NULL, within INTEGER NOT NULL, filtered INTEGER NOT NULL);
    CREATE TEMP TABLE IF NOT EXISTS metric_nudge_events (event TEXT NOT NULL, nudge TEXT NOT NULL, uid TEXT NOT NULL, ts INTEGER NOT NULL, variant TEXT);
  `);
  const fillCohort = db.prepare(COHORT);
  const clearCohort = db.prepare('DELETE FROM temp.metric_cohort');
  // CROSS JOIN fixes the join order: without statistics the planner may otherwise probe
  // every user of the cohort once per decision (or score).
  //
  // A funnel, each step a subset of the one before: the cohort's new users; those who
  // activated; of those, the ones who ever qualified as a PQL (a subject's first
  // qualification is a `pql.qualified` decision, saved with the score that records its
  // time; an account's counts for its members); of those, the ones who converted (below).
  const funnel = db.prepare(
    `WITH qualified AS MATERIALIZED (
       SELECT subject_id FROM decisions INDEXED BY decisions_ref
        WHERE kind = 'pql.qualified' AND subject_kind = 'user'
       UNION
       SELECT m.user_id FROM decisions d INDEXED BY decisions_ref
         CROSS JOIN memberships m ON m.account_id = d.subject_id
        WHERE d.kind = 'pql.qualified' AND d.subject_kind = 'account')
     SELECT c.id AS id, c.first_seen AS firstSeen, c.activated_at AS activatedAt,
       c.id IN qualified AS pql
     FROM temp.metric_cohort c WHERE c.kind = 'user'`,
  );
  // PQLs by the week they first qualified (event time), users and accounts alike. Bound
  // numbers are REAL in SQLite, hence the cast to a whole week.
  const qualifiedByWeek = db.prepare(
    `SELECT CAST((at - @from) / ${WEEK} AS INTEGER) AS week, count(DISTINCT subject_kind || ':' || subject_id) AS pqls
       FROM decisions INDEXED BY decisions_ref
      WHERE kind = 'pql.qualified' AND at >= @from AND at < @to
      GROUP BY week`,
  );
  const ttv = db
    .prepare(
      `SELECT activated_at - first_seen FROM temp.metric_cohort
        WHERE kind = 'user' AND activated_at IS NOT NULL`,
    )
    .pluck();
  // Each milestone's decisions, then the cohort's users they name, or the members of the
  // accounts they name: a user reaching it both ways counts once.
  const milestones = db.prepare(
    `SELECT ref, count(*) AS users FROM (
       SELECT d.ref, d.subject_id FROM decisions d
         CROSS JOIN temp.metric_cohort c ON c.kind = 'user' AND c.id = d.subject_id
        WHERE d.kind = 'milestone' AND d.ref IN (SELECT value FROM json_each(@milestones))
          AND d.subject_kind = 'user'
       UNION
       SELECT d.ref, m.user_id FROM decisions d
         CROSS JOIN memberships m ON m.account_id = d.subject_id
         CROSS JOIN temp.metric_cohort c ON c.kind = 'user' AND c.id = m.user_id
        WHERE d.kind = 'milestone' AND d.ref IN (SELECT value FROM json_each(@milestones))
          AND d.subject_kind = 'account'
     ) GROUP BY ref`,
  );
  // The nudge events of the cohort are read once, then counted twice.
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
    `INSERT INTO temp.metric_starts (key, uid, t0)
     SELECT @key, id, first_seen FROM temp.metric_cohort WHERE kind = 'user'`,
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
  // The experiments' arms: the other starts' counts are already known (users, shown).
  const startCounts = db.prepare(
    `SELECT key, arm, count(*) AS users FROM temp.metric_starts
      WHERE key >= 'experiment:' AND key < 'experiment;' GROUP BY key, arm`,
  );
  // An identified goal event is found from its start (the cohort bounds the work); one
  // sent before identify from the goal event itself, through its anonymous id: those are
  // few, and the other way round would look at every anonymous goal event once per start.
  const goalEvents = db.prepare(
    `SELECT st.key, st.arm, st.uid, CASE WHEN gl.filtered THEN g.payload END AS payload
       FROM temp.metric_starts st JOIN temp.metric_goals gl ON gl.key = st.key
       JOIN events g ON g.type = 'track' AND g.event = gl.event AND g.user_id = st.uid
        AND g.timestamp >= st.t0 AND g.timestamp <= st.t0 + gl.within
     UNION ALL
     SELECT st.key, st.arm, st.uid, CASE WHEN gl.filtered THEN g.payload END
       FROM temp.metric_goals gl
       CROSS JOIN events g ON g.type = 'track' AND g.event = gl.event AND g.user_id IS NULL
       CROSS JOIN identities i ON i.anonymous_id = g.anonymous_id
       CROSS JOIN temp.metric_starts st ON st.key = gl.key AND st.uid = i.user_id
      WHERE g.timestamp >= st.t0 AND g.timestamp <= st.t0 + gl.within`,
  );
  const pqlCells = db.prepare(
    `SELECT p.fit, p.value, count(*) AS count, sum(p.qualifies) AS qualified
       FROM temp.metric_cohort c
       CROSS JOIN pql_scores p ON p.definition = @definition AND p.kind = c.kind AND p.id = c.id
      WHERE c.kind = @kind
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
    clearCohort.run();
    fillCohort.run(range);
    const head = { newUsers: 0, activated: 0, pql: 0 };
    const pqlUsers = new Set<string>();
    const weeks: WeekCounts[] = [];
    for (let start = q.from; start < q.to; start += WEEK) {
      weeks.push({ start, newUsers: 0, activated: 0, ttvMs: [], pqls: 0 });
    }
    const weekOf = (t: number) => weeks[Math.floor((t - q.from) / WEEK)];
    for (const row of funnel.iterate() as Iterable<{
      id: string;
      firstSeen: number;
      activatedAt: number | null;
      pql: number;
    }>) {
      head.newUsers++;
      const week = weekOf(row.firstSeen);
      if (week) week.newUsers++;
      if (row.activatedAt === null) continue;
      head.activated++;
      if (week) {
        week.activated++;
        (week.ttvMs as number[]).push(row.activatedAt - row.firstSeen);
      }
      if (!row.pql) continue;
      head.pql++;
      pqlUsers.add(row.id);
    }

    const reached: Record<string, number> = Object.fromEntries(q.milestones.map((m) => [m, 0]));
    for (const row of milestones.all({ milestones: JSON.stringify(q.milestones) }) as {
      ref: string;
      users: number;
    }[]) {
      reached[row.ref] = row.users;
    }

    const nudges: Record<string, NudgeUserCounts> = {};
    const known = new Set(q.nudges.map((n) => n.id));
    for (const n of q.nudges) {
      nudges[n.id] = { eligible: 0, shown: 0, clicked: 0, dismissed: 0, converted: 0 };
    }
    clearNudgeEvents.run();
    if (q.nudges.length > 0) collectNudgeEvents.run({ names: nudgeNames });
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
      cohortStarts.run({ key: 'conversion' });
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
      const cells = pqlCells.all({ definition: d.id, kind: d.scope }) as {
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

    const ttvMs = ttv.all() as number[];
    for (const row of qualifiedByWeek.all(range) as { week: number; pqls: number }[]) {
      const week = weeks[row.week];
      if (week) week.pqls = row.pqls;
    }
    clearCohort.run();

    return {
      funnel: {
        ...head,
        converted: q.conversion ? countIn(converted.get('conversion\u0000'), pqlUsers) : 0,
      },
      convertedUsers: q.conversion ? convertedCount('conversion') : 0,
      ttvMs,
      weeks,
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

/** How many of `users` are in `of`. */
function countIn(users: ReadonlySet<string> | undefined, of: ReadonlySet<string>): number {
  let n = 0;
  for (const u of users ?? []) if (of.has(u)) n++;
  return n;
}
