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
