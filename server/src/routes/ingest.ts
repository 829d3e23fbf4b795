import { type Context, Hono } from 'hono';
import { formatPath } from '../../../core/config/validate';
import {
  batchEnvelopeSchema,
  LIMITS,
  MESSAGE_TYPES,
  type MessageType,
  type RejectedMessage,
} from '../../../core/events/schema';
import { requireWriteKey, writeKeyOf } from '../auth';
import { AppError } from '../errors';
import { BATCH_PATHS, messagePaths, readDialect } from '../ingest/dialects';
import { normalizeMessage } from '../ingest/normalize';
import { readJsonBody } from '../ingest/read-body';
import type { EventRow, Store } from '../store/store';

export interface IngestDeps {
  store: Store;
  writeKey: string;
  now?: () => number;
}

/**
 * The Segment-compatible ingestion API: `POST /v1/batch` and one endpoint per message
 * type, each also under the names other clients use (see `dialects.ts`). Valid messages
 * are committed before the answer; invalid ones are listed with their index, field and
 * reason, and the rest of their batch is kept.
 */
export function ingestRoutes({ store, writeKey, now = Date.now }: IngestDeps): Hono {
  const app = new Hono();

  app.on('POST', [...BATCH_PATHS], async (c) => {
    const body = await readJsonBody(c, LIMITS.batchBytes);
    requireWriteKey(
      writeKeyOf(c.req.header('authorization'), body, c.req.query('writeKey')),
      writeKey,
    );
    const envelope = batchEnvelopeSchema.safeParse(body);
    if (!envelope.success) {
      const issue = envelope.error.issues[0]!;
      throw new AppError(400, 'invalid_request', `${formatPath(issue.path)}: ${issue.message}`, [
        { field: formatPath(issue.path), reason: issue.message },
      ]);
    }
    const receivedAt = now();
    const rows: EventRow[] = [];
    const rejected: RejectedMessage[] = [];
    envelope.data.batch.forEach((raw, index) => {
      const result = normalizeMessage(readDialect(raw), {
        receivedAt,
        sentAt: envelope.data.sentAt,
        fieldPrefix: `batch[${index}]`,
        index,
      });
      if (result.ok) rows.push(result.row);
      else rejected.push(...result.rejections);
    });
    return answer(c, await store.insertEvents(rows), rejected, envelope.data.batch.length);
  });

  for (const type of MESSAGE_TYPES) {
    app.on('POST', messagePaths(type), async (c) => {
      const body = await readJsonBody(c, LIMITS.eventBytes);
      requireWriteKey(
        writeKeyOf(c.req.header('authorization'), body, c.req.query('writeKey')),
        writeKey,
      );
      const result = normalizeMessage(readDialect(body, type), {
        receivedAt: now(),
        fieldPrefix: '',
        index: 0,
        impliedType: type as MessageType,
      });
      if (!result.ok) return answer(c, { inserted: 0, duplicates: 0 }, result.rejections, 1);
      return answer(c, await store.insertEvents([result.row]), [], 1);
    });
  }

  return app;
}

/**
 * A batch accepted in part answers 200, as Segment's API does, with the rejected
 * messages in `rejected`: Segment's libraries take any 4xx as the whole batch failed and
 * would report (or resend) what was stored. Only a request with nothing valid is a 400.
 */
function answer(
  c: Context,
  stored: { inserted: number; duplicates: number },
  rejected: RejectedMessage[],
  total: number,
): Response {
  const counts = { accepted: stored.inserted, duplicates: stored.duplicates };
  if (rejected.length === 0) return c.json({ ok: true, ...counts });
  const bad = new Set(rejected.map((r) => r.index)).size;
  const kept = total - bad;
  const message = `${bad} of ${total} message${total === 1 ? ' was' : 's were'} rejected: ${rejected
    .slice(0, 3)
    .map((r) => `${r.field} ${r.reason}`)
    .join(
      '; ',
    )}${rejected.length > 3 ? '; …' : ''}.${kept > 0 ? ` The other ${kept} ${kept === 1 ? 'was' : 'were'} stored.` : ''}`;
  if (kept > 0) return c.json({ ok: true, ...counts, message, rejected });
  throw new AppError(400, 'invalid_messages', message, rejected, counts);
}
