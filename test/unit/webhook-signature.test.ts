import { describe, expect, it } from 'vitest';
import { signatureHeader, verifySignature } from '../../server/src/webhooks/signature';

const secret = 'whsec_0123456789abcdef';
const body = '{"id":"evt","type":"activation"}';
const now = Date.UTC(2026, 0, 1, 12);

describe('webhook signatures', () => {
  it('verifies a signature made with the same secret over the same body', () => {
    const header = signatureHeader(secret, body, now);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifySignature(secret, header, body, 300, now + 5_000)).toBe(true);
  });

  it('matches an independent HMAC of "<t>.<body>"', async () => {
    const { createHmac } = await import('node:crypto');
    const t = Math.floor(now / 1000);
    const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
    expect(signatureHeader(secret, body, now)).toBe(`t=${t},v1=${expected}`);
  });

  it('fails with a wrong secret', () => {
    const header = signatureHeader(secret, body, now);
    expect(verifySignature('whsec_not-the-right-one', header, body, 300, now)).toBe(false);
  });

  it('fails when the body was tampered with', () => {
    const header = signatureHeader(secret, body, now);
    expect(verifySignature(secret, header, body.replace('activation', 'handraise'), 300, now)).toBe(
      false,
    );
  });

  it('fails when the timestamp is older than the tolerance, even with a valid signature', () => {
    const header = signatureHeader(secret, body, now);
    expect(verifySignature(secret, header, body, 300, now + 301_000)).toBe(false);
    expect(verifySignature(secret, header, body, 300, now + 299_000)).toBe(true);
  });

  it('fails on a missing or malformed header', () => {
    expect(verifySignature(secret, undefined, body, 300, now)).toBe(false);
    expect(verifySignature(secret, 'v1=abc', body, 300, now)).toBe(false);
    expect(verifySignature(secret, `t=${now / 1000},v1=zz`, body, 300, now)).toBe(false);
  });

  it('accepts any of several v1 signatures, as during a secret rotation', () => {
    const good = signatureHeader(secret, body, now);
    const t = good.split(',')[0]!;
    const v1 = good.split(',')[1]!;
    expect(verifySignature(secret, `${t},v1=${'0'.repeat(64)},${v1}`, body, 300, now)).toBe(true);
  });
});
