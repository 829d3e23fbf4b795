import { Hono } from 'hono';
import type { AhakitConfig } from '../../../core/config/schema';
import { dateRange } from '../metrics/date-range';
import { metricsReport } from '../metrics/report';
import type { Store } from '../store/store';

/**
 * `GET /v1/admin/metrics?from=YYYY-MM-DD&to=YYYY-MM-DD` — the growth team's numbers for
 * the users first seen in the range (UTC days, both included; the last 30 days when
 * absent), as `MetricsReport` (core/metrics/report.ts).
 */
export function adminMetricsRoutes(store: Store, config: AhakitConfig, now: () => number): Hono {
  const app = new Hono();
  app.get('/metrics', async (c) => {
    const range = dateRange({ from: c.req.query('from'), to: c.req.query('to') }, now());
    return c.json(await metricsReport(store, config, range));
  });
  return app;
}
