import { describe, expect, it } from 'vitest';
import { readSettings, SettingsError } from '../../server/src/settings';

describe('collector settings', () => {
  it('starts on printed demo defaults', () => {
    const s = readSettings({}, '/srv');
    expect(s).toMatchObject({
      port: 8787,
      dataDir: '/srv/data',
      writeKey: 'pk_demo',
      adminKey: 'sk_demo_admin',
      demoKeys: true,
      production: false,
      demoReceiverPort: 4319,
    });
    expect(s.configPath).toMatch(/demo\/ahakit\.config\.json$/);
  });

  it('has limits sized for real traffic, and reads each from the environment', () => {
    expect(readSettings({}, '/srv')).toMatchObject({
      identitySecret: null,
      limits: {
        perIp: 1_000,
        perKey: 20_000,
        trustProxy: false,
        maxConnections: 900,
        headersTimeoutMs: 10_000,
        requestTimeoutMs: 30_000,
      },
    });
    const s = readSettings(
      {
        AHAKIT_IDENTITY_SECRET: 'a-long-identity-secret',
        AHAKIT_RATE_LIMIT_PER_IP: '0',
        AHAKIT_RATE_LIMIT_PER_KEY: '500',
        AHAKIT_TRUST_PROXY: 'true',
        AHAKIT_MAX_CONNECTIONS: '2000',
        AHAKIT_HEADERS_TIMEOUT_MS: '60000',
        AHAKIT_REQUEST_TIMEOUT_MS: '20000',
      },
      '/srv',
    );
    expect(s.identitySecret).toBe('a-long-identity-secret');
    // The headers cannot be given longer than the whole request.
    expect(s.limits).toEqual({
      perIp: 0,
      perKey: 500,
      trustProxy: true,
      maxConnections: 2000,
      headersTimeoutMs: 20_000,
      requestTimeoutMs: 20_000,
    });
  });

  it('lists every malformed limit and a short identity secret', () => {
    expect(() =>
      readSettings({
        AHAKIT_IDENTITY_SECRET: 'short',
        AHAKIT_RATE_LIMIT_PER_IP: 'lots',
        AHAKIT_TRUST_PROXY: 'maybe',
      }),
    ).toThrow(
      /AHAKIT_IDENTITY_SECRET: must be at least 16[\s\S]*AHAKIT_RATE_LIMIT_PER_IP: must be a whole number[\s\S]*AHAKIT_TRUST_PROXY: must be true or false/,
    );
  });

  it('reads every setting from the environment', () => {
    const s = readSettings(
      {
        PORT: '9100',
        AHAKIT_CONFIG: 'conf/a.json',
        AHAKIT_DATA_DIR: '/var/lib/ahakit',
        AHAKIT_WRITE_KEY: 'pk_live_123',
        AHAKIT_ADMIN_KEY: 'sk_live_0123456789',
        AHAKIT_DEMO_RECEIVER_PORT: '5319',
      },
      '/srv',
    );
    expect(s).toMatchObject({
      port: 9100,
      demoReceiverPort: 5319,
      configPath: '/srv/conf/a.json',
      dataDir: '/var/lib/ahakit',
      writeKey: 'pk_live_123',
      adminKey: 'sk_live_0123456789',
      demoKeys: false,
    });
  });

  it('refuses demo keys in production and lists every problem at once', () => {
    let error: unknown;
    try {
      readSettings({ NODE_ENV: 'production', PORT: 'eighty' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SettingsError);
    expect((error as SettingsError).problems).toEqual([
      'PORT: must be a port number (0 picks a free one)',
      'AHAKIT_WRITE_KEY: is the demo key "pk_demo"; set your own key when NODE_ENV=production',
      'AHAKIT_ADMIN_KEY: is the demo key "sk_demo_admin"; set your own key when NODE_ENV=production',
    ]);
  });
});
