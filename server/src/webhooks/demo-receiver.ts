import { Hono } from 'hono';
import type { Webhook } from '../../../core/config/webhooks';
import { plainText, printable } from './event-text';
import { webhookEventSchema } from './events';
import { SIGNATURE_HEADER, verifySignature } from './signature';

export interface DemoReceiverOptions {
  /** The webhooks that post to this receiver, secrets resolved; told apart by URL path. */
  webhooks: readonly Webhook[];
  print?: (line: string) => void;
  now?: () => number;
}

/**
 * A tiny webhook receiver for trying ahakit, as a receiver should be written: it checks
 * the `ahakit-signature` of the raw body under the secret of the webhook that posts to
 * the request's path, refuses a bad one with 400, and prints each delivery it accepts as
 * one line: `webhook pql.qualified: Ada Lovelace (ada@acme.example, Acme) qualified as
 * upsell PQL — score 80: Free plan (+10), …`.
 *
 * @example serve({ fetch: demoReceiverApp({ webhooks }).fetch, port: 4319, hostname: '127.0.0.1' });
 */
export function demoReceiverApp(options: DemoReceiverOptions): Hono {
  const print = options.print ?? ((line: string) => console.log(line));
  const now = options.now ?? Date.now;
  const app = new Hono();

  app.post('*', async (c) => {
    const path = new URL(c.req.url).pathname;
    const body = await c.req.text();
    const hooks = options.webhooks.filter((w) => new URL(w.url).pathname === path);
    if (hooks.length === 0) {
      print(`webhook refused (404): no webhook in the config posts to ${printable(path)}`);
      return c.text('No webhook in the config posts to this path.\n', 404);
    }
    const header = c.req.header(SIGNATURE_HEADER);
    if (!hooks.some((hook) => verifySignature(hook.secret, header, body, 300, now()))) {
      const why = header
        ? `its ${SIGNATURE_HEADER} does not match the body under the secret of ${names(hooks)} (or is over 5 minutes old)`
        : `it has no ${SIGNATURE_HEADER} header`;
      print(`webhook refused (400): a delivery to ${printable(path)}: ${why}`);
      return c.text(`Bad signature: ${why}.\n`, 400);
    }
    const type = c.req.header('ahakit-event-type') ?? 'delivery';
    const attempt = Number(c.req.header('ahakit-delivery-attempt') ?? '1');
    const again = attempt > 1 ? ` (attempt ${attempt})` : '';
    print(`webhook ${printable(type)}: ${describe(body)}${again}`);
    return c.text('ok\n');
  });
  app.all('*', (c) => c.text('POST signed webhook deliveries here.\n', 405));
  return app;
}

/** A delivery's one line: the event in words, or a Slack message's text. */
function describe(body: string): string {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return `(not JSON) ${printable(body.slice(0, 200))}`;
  }
  const message = json as { text?: unknown; occurredAt?: unknown };
  if (typeof message.text === 'string') return printable(message.text);
  const parsed = webhookEventSchema.safeParse({
    ...message,
    occurredAt:
      typeof message.occurredAt === 'string' ? Date.parse(message.occurredAt) : message.occurredAt,
  });
  return parsed.success ? plainText(parsed.data) : printable(body.slice(0, 200));
}

const names = (hooks: readonly Webhook[]) => hooks.map((h) => `webhook "${h.id}"`).join(' or ');

/** Whether a webhook URL posts to the demo receiver on this machine at `port`. */
export function postsToDemoReceiver(url: string, port: number): boolean {
  const u = new URL(url);
  const at = Number(u.port || (u.protocol === 'https:' ? 443 : 80));
  return (
    u.protocol === 'http:' &&
    ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname) &&
    at === port
  );
}
