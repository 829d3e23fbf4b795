import { afterAll, describe, expect, it } from 'vitest';
import {
  E2E_WRITE_KEY,
  runCli,
  startCollectorProcess,
  stopAllCollectors,
} from '../helpers/collector-process';

afterAll(stopAllCollectors);

function batchOf(prefix: string, n: number) {
  return Array.from({ length: n }, (_, i) => ({
    type: 'track',
    messageId: `${prefix}-${i}`,
    userId: 'durable-user',
    event: 'message_sent',
    properties: { i },
    timestamp: new Date().toISOString(),
  }));
}

async function send(url: string, batch: unknown[]) {
  const res = await fetch(`${url}/v1/batch`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ writeKey: E2E_WRITE_KEY, batch }),
  });
  return { status: res.status, body: (await res.json()) as { accepted?: number } };
}

describe('collector durability', () => {
  it('keeps every acknowledged event when the process is killed right after answering', async () => {
    const first = await startCollectorProcess();
    // Twenty requests at once; the process dies the moment the tenth answer arrives.
    const acknowledged: string[] = [];
    let answered = 0;
    let killing: Promise<void> | undefined;
    const batches = Array.from({ length: 20 }, (_, r) => batchOf(`kill-${r}`, 25));
    const requests = batches.map((batch) => {
      return send(first.url, batch)
        .then(({ status }) => {
          if (status === 200) acknowledged.push(...batch.map((m) => m.messageId));
          if (++answered === 10) killing = first.kill();
        })
        .catch(() => undefined); // requests cut off by the kill were never acknowledged
    });
    await Promise.all(requests);
    await killing;
    expect(acknowledged.length).toBeGreaterThanOrEqual(250);

    const second = await startCollectorProcess({ dataDir: first.dataDir });
    const user = (await (await second.admin('/v1/admin/users/durable-user?limit=1000')).json()) as {
      timeline: { messageId: string }[];
    };
    const stored = new Set(user.timeline.map((e) => e.messageId));
    const lost = acknowledged.filter((id) => !stored.has(id));
    expect(lost).toEqual([]);

    // A client retrying after the crash (the same messages again) is deduplicated.
    const retry = await send(second.url, batches[0]!);
    expect(retry.status).toBe(200);
    expect(retry.body).toMatchObject({ accepted: stored.has('kill-0-0') ? 0 : 25 });
  });

  it('refuses to start on an invalid config, listing every problem', async () => {
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'ahakit-cfg-'));
    const file = join(dir, 'broken.json');
    writeFileSync(file, JSON.stringify({ product: {}, widget: { batchSize: 0 } }));
    const result = await runCli(['serve'], {
      AHAKIT_CONFIG: file,
      PORT: '0',
      AHAKIT_DATA_DIR: dir,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('is not a valid ahakit config (2 problems)');
    expect(result.stderr).toContain('product.name: required — expected string');
    expect(result.stderr).toContain(
      'widget.batchSize: too small — expected >= 1, received number 0',
    );
  });

  it('refuses to start in production on the demo keys', async () => {
    const result = await runCli(['serve'], {
      NODE_ENV: 'production',
      PORT: '0',
      AHAKIT_WRITE_KEY: '',
      AHAKIT_ADMIN_KEY: '',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'AHAKIT_ADMIN_KEY: is the demo key "sk_demo_admin"; set your own key when NODE_ENV=production',
    );
  });
});
