import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import { AppError } from '../errors';
import { isObject } from './normalize';

/**
 * Reads a request body as JSON, refusing it with 413 once it passes `maxBytes`.
 *
 * On a real socket it reads Node's request stream directly: going through the web
 * `Request.body` stream (as hono's body-limit middleware does) costs more than the rest
 * of an ingestion request together. The body is parsed as JSON whatever its content
 * type, since `sendBeacon` and CORS-simple requests send text/plain.
 */
export async function readJsonBody(c: Context, maxBytes: number): Promise<Record<string, unknown>> {
  const declared = Number(c.req.header('content-length'));
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  const text = incoming ? await readStream(incoming, maxBytes) : await readWeb(c.req.raw, maxBytes);
  if (!text)
    throw new AppError(400, 'invalid_json', 'The request body is empty; expected a JSON object.');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new AppError(
      400,
      'invalid_json',
      `The request body is not valid JSON: ${(error as Error).message}`,
    );
  }
  if (!isObject(body))
    throw new AppError(400, 'invalid_json', 'The request body must be a JSON object.');
  return body;
}

function readStream(incoming: IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    incoming.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        // Stop buffering but keep draining, so the 413 answer reaches the client.
        incoming.removeAllListeners('data');
        incoming.resume();
        reject(tooLarge(maxBytes));
        return;
      }
      chunks.push(chunk);
    });
    incoming.once('end', () => resolve(Buffer.concat(chunks, size).toString('utf8')));
    // A client that goes away mid-body ends its own request: a 400 no one reads, not a
    // collector fault with a stack trace in the log.
    const cutShort = () =>
      reject(new AppError(400, 'bad_request', 'The request body was cut short.'));
    incoming.once('error', cutShort);
    incoming.once('close', () => {
      if (!incoming.complete) cutShort();
    });
  });
}

async function readWeb(request: Request, maxBytes: number): Promise<string> {
  const buffer = await request.arrayBuffer();
  if (buffer.byteLength > maxBytes) throw tooLarge(maxBytes);
  return new TextDecoder().decode(buffer);
}

function tooLarge(maxBytes: number): AppError {
  return new AppError(
    413,
    'payload_too_large',
    `The request body is larger than ${maxBytes / 1024} KB, the limit of this endpoint.`,
  );
}
