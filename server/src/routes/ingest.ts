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
import { verifyUserHash } from '../identity';
import { BATCH_PATHS, messagePaths, readDialect } from '../ingest/dialects';
import { normalizeMessage } from '../ingest/normalize';
import { readJsonBody } from '../ingest/read-body';
import type { RateLimit } from '../rate-limit';
import type { EventRow, Store } from '../store/store';

export interface IngestDeps {
  store: Store;
  writeKey: string;
  now?: () => number;
  /** Per-IP and per-write-key rate limits, counted in messages. */
  rateLimit?: RateLimit | undefined;
  /** With it, a message's userId counts only with its `context.userHash` (see identity.ts). */
  identitySecret?: string | null | undefined;
}

/**
 * The Segment-compatible ingestion API: `POST /v1/batch` and one endpoint per message
 * type, each also under the names other clients use (see `dialects.ts`). Valid messages
 * are committed before the answer; invalid ones are listed with their index, field and
 * reason, and the rest of their batch is kept.
 */
export function ingestRoutes({
  store,
  writeKey,
  now = Date.now,
  rateLimit,
  identitySecret,
}: IngestDeps): Hono {
  const app = new Hono();
  const verifyUser = identitySecret
    ? (userId: string, hash: unknown) => verifyUserHash(identitySecret, userId, hash)
    : undefined;

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
    await rateLimit?.(c, envelope.data.batch.length);
    const receivedAt = now();
    const rows: EventRow[] = [];
    /** The batch index of each row. */
    const positions: number[] = [];
    const rejected: RejectedMessage[] = [];
    envelope.data.batch.forEach((raw, index) => {
      const result = normalizeMessage(readDialect(raw), {
        receivedAt,
        sentAt: envelope.data.sentAt,
        fieldPrefix: `batch[${index}]`,
        index,
        verifyUser,
      });
      if (result.ok) {
        rows.push(result.row);
        positions.push(index);
      } else rejected.push(...result.rejections);
    });
    const stored = await store.insertEvents(rows);
    for (const { index, reason } of stored.refused ?? []) {
      const at = positions[index]!;
      rejected.push({ index: at, field: `batch[${at}]`, reason });
    }
    return answer(c, stored, rejected, envelope.data.batch.length);
  });

  for (const type of MESSAGE_TYPES) {
    app.on('POST', messagePaths(type), async (c) => {
      const body = await readJsonBody(c, LIMITS.eventBytes);
      requireWriteKey(
        writeKeyOf(c.req.header('authorization'), body, c.req.query('writeKey')),
        writeKey,
      );
      await rateLimit?.(c, 1);
      const result = normalizeMessage(readDialect(body, type), {
        receivedAt: now(),
        fieldPrefix: '',
        index: 0,
        impliedType: type as MessageType,
        verifyUser,
      });
      if (!result.ok) return answer(c, { inserted: 0, duplicates: 0 }, result.rejections, 1);
      const stored = await store.insertEvents([result.row]);
      const refused = (stored.refused ?? []).map(({ reason }) => ({
        index: 0,
        field: '(message)',
        reason,
      }));
      return answer(c, stored, refused, 1);
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
