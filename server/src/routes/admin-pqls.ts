import { Hono } from 'hono';
import type { AhakitConfig } from '../../../core/config/schema';
import { reasonsAt } from '../../../core/engine';
import { localize } from '../../../core/engine/localize';
import { AppError } from '../errors';
import type { PqlScoreRow, Store } from '../store/store';

interface Reason {
  label?: string;
  points?: number;
  detail?: string;
}

/**
 * `GET /v1/admin/pqls?definition=upsell` — the subjects scored by a PQL definition, best
 * first, with their reasons; qualified ones only unless `all=1`; `format=csv` for a
 * spreadsheet or a CRM import.
 */
export function adminPqlRoutes(store: Store, config: AhakitConfig): Hono {
  const app = new Hono();
  /** `GET /v1/admin/pqls/definitions` — the config's PQL definitions, for pickers. */
  app.get('/pqls/definitions', (c) =>
    c.json({
      definitions: config.pql.map((d) => ({
        id: d.id,
        title: localize(d.title, config.locales.default, config.locales) ?? d.id,
        scope: d.scope,
        threshold: d.threshold,
      })),
    }),
  );
  app.get('/pqls', async (c) => {
    const ids = config.pql.map((d) => d.id);
    const definition = c.req.query('definition') ?? (ids.length === 1 ? ids[0] : undefined);
    if (!definition) {
      throw new AppError(
        400,
        'invalid_request',
        `Say which definition: ?definition=${ids.join('|') || '…'}.`,
        {
          definitions: ids,
        },
      );
    }
    if (!ids.includes(definition)) {
      throw new AppError(
        404,
        'not_found',
        `No PQL definition "${definition}"; the config has ${ids.join(', ') || 'none'}.`,
      );
    }
    const limit = Math.min(Math.max(Number(c.req.query('limit')) || 1000, 1), 10_000);
    const offset = Math.max(Math.floor(Number(c.req.query('offset')) || 0), 0);
    const search = (c.req.query('q') ?? '').trim().toLowerCase();
    // Best first; a search reads every scored subject of the definition, then pages.
    const rows = await store.pqlList(definition, {
      qualifiedOnly: c.req.query('all') !== '1',
      limit: search ? 100_000 : offset + limit,
    });
    const people = await Promise.all(rows.map((r) => contactOf(store, r)));
    const now = Date.now();
    const matching = rows
      .map((r, i) => ({
        kind: r.kind,
        id: r.id,
        ...people[i],
        score: r.score,
        qualifies: r.qualifies,
        firstQualifiedAt: iso(r.firstQualifiedAt),
        scoredAt: iso(r.scoredAt),
        reasons: reasonsAt(r.reasons, now),
      }))
      .filter(
        (p) =>
          !search ||
          [p.id, p.email, p.name, p.company].some((v) => v?.toLowerCase().includes(search)),
      );
    const total = search
      ? matching.length
      : await store.pqlCount(definition, { qualifiedOnly: c.req.query('all') !== '1' });
    const pqls = matching.slice(offset, offset + limit);
    if (c.req.query('format') === 'csv') {
      const header = [
        'kind',
        'id',
        'email',
        'name',
        'company',
        'score',
        'qualifies',
        'first_qualified_at',
        'reasons',
      ];
      const lines = pqls.map((p) =>
        [
          p.kind,
          p.id,
          p.email ?? '',
          p.name ?? '',
          p.company ?? '',
          String(p.score),
          p.qualifies ? 'yes' : 'no',
          p.firstQualifiedAt ?? '',
          (p.reasons as Reason[])
            .map((r) => `${r.label ?? ''} (${(r.points ?? 0) >= 0 ? '+' : ''}${r.points ?? 0})`)
            .join('; '),
        ]
          .map(csvCell)
          .join(','),
      );
      return c.body(`${[header.join(','), ...lines].join('\r\n')}\r\n`, 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="pqls-${definition}.csv"`,
      });
    }
    return c.json({ definition, count: pqls.length, total, offset, limit, pqls });
  });
  return app;
}

/** Who a lead is: email and name from their traits, and their company (the account's name). */
async function contactOf(
  store: Store,
  row: PqlScoreRow,
): Promise<{ email?: string; name?: string; company?: string }> {
  const profile =
    row.kind === 'user' ? await store.getUser(row.id) : await store.getAccount(row.id);
  const traits = profile?.traits ?? {};
  const out: { email?: string; name?: string; company?: string } = {};
  if (typeof traits.email === 'string') out.email = traits.email;
  if (typeof traits.name === 'string') out.name = traits.name;
  if (row.kind === 'account') {
    if (typeof traits.name === 'string') out.company = traits.name;
  } else {
    const accountId = await store.latestAccount(row.id);
    const account = accountId ? await store.traitsOf('account', accountId) : {};
    const company = typeof account.name === 'string' ? account.name : traits.company;
    if (typeof company === 'string') out.company = company;
  }
  return out;
}

/**
 * A CSV cell, quoted when needed. One that a spreadsheet could run as a formula (= + - @
 * first, also after spaces or line breaks, which spreadsheets skip, or a tab or line
 * break first) is prefixed with ' so it stays text.
 */
export function csvCell(value: string): string {
  const safe = /^\s*[=+\-@]|^[\t\r\n]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}
