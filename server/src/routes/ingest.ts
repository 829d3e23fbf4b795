import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import {
  batchEnvelopeSchema,
  LIMITS,
  MESSAGE_TYPES,
  type MessageType,
  type RejectedMessage,
} from '../../../core/events/schema';
import { formatPath } from '../../../core/config/validate';
import { requireWriteKey, writeKeyOf } from '../auth';
import { AppError } from '../errors';
import { isObject, normalizeMessage } from '../ingest/normalize';
import type { EventRow, Store } from '../store/store';

export interface IngestDeps {
  store: Store;
  writeKey: string;
  now?: () => number;
}

/**
 * The Segment-compatible ingestion API: `POST /v1/batch` and one endpoint per message
 * type. Valid messages are committed before the answer; invalid ones are listed with
 * their index, field and reason, and the rest of their batch is kept.
 */
export function ingestRoutes({ store, writeKey, now = Date.now }: IngestDeps): Hono {
  const app = new Hono();

  app.post('/batch', limit(LIMITS.batchBytes), async (c) => {
    const body = await readJson(c.req.raw);
    requireWriteKey(writeKeyOf(c.req.header('authorization'), body), writeKey);
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
      const result = normalizeMessage(raw, {
        receivedAt,
        sentAt: envelope.data.sentAt,
        fieldPrefix: `batch[${index}]`,
        index,
      });
      if (result.ok) rows.push(result.row);
      else rejected.push(...result.rejections);
    });
    return answer(await store.insertEvents(rows), rejected, envelope.data.batch.length);
  });

  for (const type of MESSAGE_TYPES) {
    app.post(`/${type}`, limit(LIMITS.eventBytes), async (c) => {
      const body = await readJson(c.req.raw);
      requireWriteKey(writeKeyOf(c.req.header('authorization'), body), writeKey);
      const result = normalizeMessage(body, {
        receivedAt: now(),
        fieldPrefix: '',
        index: 0,
        impliedType: type as MessageType,
      });
      if (!result.ok) return answer({ inserted: 0, duplicates: 0 }, result.rejections, 1);
      return answer(await store.insertEvents([result.row]), [], 1);
    });
  }

  return app;
}

function answer(
  stored: { inserted: number; duplicates: number },
  rejected: RejectedMessage[],
  total: number,
): Response {
  const counts = { accepted: stored.inserted, duplicates: stored.duplicates };
  if (rejected.length === 0) return Response.json({ ok: true, ...counts });
  const bad = new Set(rejected.map((r) => r.index)).size;
  const kept = total - bad;
  throw new AppError(
    400,
    'invalid_messages',
    `${bad} of ${total} message${total === 1 ? ' was' : 's were'} rejected: ${rejected
      .slice(0, 3)
      .map((r) => `${r.field} ${r.reason}`)
      .join('; ')}${rejected.length > 3 ? '; …' : ''}.${kept > 0 ? ` The other ${kept} were stored.` : ''}`,
    rejected,
    counts,
  );
}

function limit(maxSize: number) {
  return bodyLimit({
    maxSize,
    onError: () => {
      throw new AppError(
        413,
        'payload_too_large',
        `The request body is larger than ${maxSize / 1024} KB, the limit of this endpoint.`,
      );
    },
  });
}

/** Parses the body as JSON whatever its content type: `sendBeacon` and CORS-simple requests send text/plain. */
async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  if (!text) throw new AppError(400, 'invalid_json', 'The request body is empty; expected a JSON object.');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new AppError(400, 'invalid_json', `The request body is not valid JSON: ${(error as Error).message}`);
  }
  if (!isObject(body)) throw new AppError(400, 'invalid_json', 'The request body must be a JSON object.');
  return body;
}
