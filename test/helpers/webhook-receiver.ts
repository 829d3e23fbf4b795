import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySignature } from '../../server/src/webhooks/signature';

export interface ReceivedRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
  /** Whether the signature verified under the receiver's secret. */
  verified: boolean;
  /** What the receiver answered (0 while held open). */
  answered: number;
  /** When it arrived, in epoch milliseconds. */
  at: number;
}

export interface WebhookReceiver {
  url: string;
  requests: ReceivedRequest[];
  /** Requests answered with 2xx, per idempotency key. */
  successes(): Map<string, number>;
  /** Answers `n` more requests, after those already planned, with `status` (503 by default). */
  failNext(n: number, status?: number, headers?: Record<string, string>): void;
  /** Holds `n` more requests, after those already planned, open without answering (a receiver gone silent). */
  hangNext(n: number): void;
  /** Forgets the planned failures: every request is answered 200 from now on. */
  recover(): void;
  close(): Promise<void>;
}

/** A local webhook receiver on 127.0.0.1 that checks signatures and can be told to fail. */
export async function startWebhookReceiver(secret: string): Promise<WebhookReceiver> {
  const requests: ReceivedRequest[] = [];
  // What the next requests get, in order; then 200 (or 401 when the signature is wrong).
  let plan: ({ status: number; headers: Record<string, string> } | 'hang')[] = [];
  const hanging = new Set<ServerResponse>();

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = Object.fromEntries(
        Object.entries(req.headers).map(([k, v]) => [
          k,
          Array.isArray(v) ? v.join(',') : (v ?? ''),
        ]),
      );
      const verified = verifySignature(secret, headers['ahakit-signature'], body, 300);
      const record: ReceivedRequest = {
        path: req.url ?? '/',
        headers,
        body,
        verified,
        answered: 0,
        at: Date.now(),
      };
      requests.push(record);
      const failure = plan.shift();
      if (failure === 'hang') {
        hanging.add(res);
        return;
      }
      const status = failure?.status ?? (verified ? 200 : 401);
      record.answered = status;
      res.writeHead(status, { 'Content-Type': 'text/plain', ...failure?.headers });
      res.end(status === 200 ? 'ok' : 'nope');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/hook`,
    requests,
    successes() {
      const counts = new Map<string, number>();
      for (const r of requests) {
        if (r.answered < 200 || r.answered >= 300) continue;
        const key = r.headers['ahakit-idempotency-key'] ?? '';
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      return counts;
    },
    failNext(n, status = 503, headers = {}) {
      for (let i = 0; i < n; i++) plan.push({ status, headers });
    },
    hangNext(n) {
      for (let i = 0; i < n; i++) plan.push('hang');
    },
    recover() {
      plan = [];
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
