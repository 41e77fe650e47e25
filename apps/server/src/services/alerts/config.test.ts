import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';

const base = { MAC_DATA_DIR: '/tmp/mac-config-test' } as NodeJS.ProcessEnv;

describe('alert configuration (SMTP_URL, MAC_ALERT_DIGEST_HOUR, MAC_ALERT_FROM)', () => {
  it('is in-app only without SMTP_URL, with the digest at 07:00 UTC', () => {
    expect(loadConfig(base).alerts).toMatchObject({ smtpUrl: null, digestHour: 7 });
  });

  it('takes an smtp:// or smtps:// URL, a digest hour and a sender', () => {
    const alerts = loadConfig({ ...base, SMTP_URL: 'smtps://user:secret@mail.example.org:465', MAC_ALERT_DIGEST_HOUR: '18', MAC_ALERT_FROM: 'MAC <mac@example.org>' }).alerts;
    expect(alerts).toMatchObject({ smtpUrl: 'smtps://user:secret@mail.example.org:465', digestHour: 18, from: 'MAC <mac@example.org>' });
  });

  it('stops the server with a clear message for a wrong URL, a wrong hour, or email in production without a public origin', () => {
    expect(() => loadConfig({ ...base, SMTP_URL: 'mail.example.org:25' })).toThrow(/SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL \(got a mail\.example\.org: URL\)/);
    expect(() => loadConfig({ ...base, SMTP_URL: 'http://mail.example.org' })).toThrow(/SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL \(got a http: URL\)/);
    expect(() => loadConfig({ ...base, SMTP_URL: 'not a url' })).toThrow(/SMTP_URL must be smtp:\/\/\[user:password@\]host:port/);
    expect(() => loadConfig({ ...base, MAC_ALERT_DIGEST_HOUR: '24' })).toThrow(/MAC_ALERT_DIGEST_HOUR must be a whole hour from 0 to 23, UTC \(got "24"\)/);
    expect(() => loadConfig({ ...base, MAC_ALERT_DIGEST_HOUR: '7.5' })).toThrow(/MAC_ALERT_DIGEST_HOUR/);
    expect(() => loadConfig({ ...base, NODE_ENV: 'production', MAC_DEMO_PASSWORD: 'x', SMTP_URL: 'smtp://mail.example.org:25' })).toThrow(/MAC_PUBLIC_ORIGIN must be too/);
    expect(loadConfig({ ...base, NODE_ENV: 'production', SMTP_URL: 'smtp://mail.example.org:25', MAC_PUBLIC_ORIGIN: 'https://mac.example.org' }).alerts.smtpUrl).toBe('smtp://mail.example.org:25');
  });
});
