// Several nodes must share a database, an audit key and (with single sign-on) the key that seals pending
// sign-ins: with REDIS_URL set and any of them missing the server refuses to start, naming the variable.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';

const KEY = 'ab'.repeat(32);
const OIDC = { MAC_OIDC_ISSUER: 'https://login.microsoftonline.com/0b9c3f7a-1111-4222-8333-444455556666/v2.0', MAC_OIDC_CLIENT_ID: 'app-id' };
const scaled = { MAC_DATA_DIR: '/tmp/mac-cluster-config-test', REDIS_URL: 'redis://redis.internal:6379', DATABASE_URL: 'postgres://mac@db.internal/mac', MAC_AUDIT_KEY: KEY };
const load = (vars: Record<string, string>) => loadConfig(vars as NodeJS.ProcessEnv);

describe('REDIS_URL and what several nodes must share', () => {
  it('is one node without REDIS_URL, whatever else is set (the default is unchanged)', () => {
    const config = load({ MAC_DATA_DIR: '/tmp/x' });
    expect(config.cluster.redisUrl).toBeNull();
    expect(config.cluster.nodeId).toMatch(/^node-[0-9a-f]{8}$/);
    // No shared OIDC key needed on one node: a key per process, as before.
    expect(load({ MAC_DATA_DIR: '/tmp/x', ...OIDC }).oidc?.pendingKey).toBeNull();
  });

  it('starts with a postgres database, a shared audit key and, with single sign-on, a shared OIDC key', () => {
    const config = load({ ...scaled, MAC_NODE_ID: 'mac-a' });
    expect(config.cluster.redisUrl).toBe('redis://redis.internal:6379');
    expect(config.cluster.nodeId).toMatch(/^mac-a-[0-9a-f]{8}$/);
    expect(load({ ...scaled, REDIS_URL: 'rediss://:secret@redis.internal:6380/2' }).cluster.redisUrl).toBe('rediss://:secret@redis.internal:6380/2');
    const sso = load({ ...scaled, ...OIDC, MAC_OIDC_KEY: KEY });
    expect(sso.oidc?.pendingKey?.toString('hex')).toBe(KEY);
  });

  it('gives each process its own node id, even under one MAC_NODE_ID', () => {
    expect(load({ ...scaled, MAC_NODE_ID: 'mac-a' }).cluster.nodeId).not.toBe(load({ ...scaled, MAC_NODE_ID: 'mac-a' }).cluster.nodeId);
  });

  it('refuses a REDIS_URL that is not redis:// or rediss://', () => {
    expect(() => load({ ...scaled, REDIS_URL: 'http://redis.internal:6379' })).toThrow(/REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL \(got a http: URL\)/);
    expect(() => load({ ...scaled, REDIS_URL: 'redis.internal:6379' })).toThrow(/REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/);
    expect(() => load({ ...scaled, REDIS_URL: 'not a url' })).toThrow(/REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL, e\.g\. .*could not be read as a URL/);
  });

  it('refuses REDIS_URL without DATABASE_URL: several nodes cannot share a SQLite file', () => {
    const { DATABASE_URL: _db, ...noDb } = scaled;
    expect(() => load(noDb)).toThrow(/REDIS_URL is set \(several nodes\), so DATABASE_URL must name the PostgreSQL database .*cannot share one SQLite file/);
  });

  it('refuses REDIS_URL without MAC_AUDIT_KEY (or MAC_AUDIT_KEY_FILE)', () => {
    const { MAC_AUDIT_KEY: _key, ...noKey } = scaled;
    expect(() => load(noKey)).toThrow(/REDIS_URL is set \(several nodes\), so MAC_AUDIT_KEY \(or MAC_AUDIT_KEY_FILE\) must give every node the same audit key/);
    expect(load({ ...noKey, MAC_AUDIT_KEY_FILE: '/run/secrets/mac-audit-key' }).cluster.redisUrl).not.toBeNull();
  });

  it('refuses REDIS_URL with single sign-on but no MAC_OIDC_KEY', () => {
    expect(() => load({ ...scaled, ...OIDC })).toThrow(/single sign-on is configured, so MAC_OIDC_KEY \(or MAC_OIDC_KEY_FILE\) must give every node the same key/);
  });

  it('refuses a malformed OIDC key, or both forms of it, naming the variable', () => {
    expect(() => load({ ...scaled, ...OIDC, MAC_OIDC_KEY: 'abc' })).toThrow(/MAC_OIDC_KEY must hold exactly 32 bytes of hex \(64 hex digits\)/);
    const dir = mkdtempSync(join(tmpdir(), 'mac-oidc-key-'));
    try {
      writeFileSync(join(dir, 'key'), `${KEY}\n`);
      expect(load({ ...scaled, ...OIDC, MAC_OIDC_KEY_FILE: join(dir, 'key') }).oidc?.pendingKey?.toString('hex')).toBe(KEY);
      writeFileSync(join(dir, 'bad'), 'not hex\n');
      expect(() => load({ ...scaled, ...OIDC, MAC_OIDC_KEY_FILE: join(dir, 'bad') })).toThrow(/MAC_OIDC_KEY_FILE \(.*bad\) must hold exactly 32 bytes of hex/);
      expect(() => load({ ...scaled, ...OIDC, MAC_OIDC_KEY: KEY, MAC_OIDC_KEY_FILE: join(dir, 'key') })).toThrow(/Set MAC_OIDC_KEY or MAC_OIDC_KEY_FILE, not both/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a MAC_NODE_ID that could not be part of a connection name', () => {
    expect(() => load({ ...scaled, MAC_NODE_ID: 'mac a;' })).toThrow(/MAC_NODE_ID must be 1–48 letters, digits, dots, dashes or underscores \(got "mac a;"\)/);
  });

  it('takes a heartbeat interval from MAC_NODE_HEARTBEAT_MS (5 s by default) and refuses one that could not keep a dead node’s presence under 30 s', () => {
    expect(load(scaled).cluster.heartbeatMs).toBe(5_000);
    expect(load({ ...scaled, MAC_NODE_HEARTBEAT_MS: '300' }).cluster.heartbeatMs).toBe(300);
    for (const bad of ['20000', '50', '1.5', 'soon', '-1']) {
      expect(() => load({ ...scaled, MAC_NODE_HEARTBEAT_MS: bad })).toThrow(new RegExp(`MAC_NODE_HEARTBEAT_MS must be a whole number of milliseconds from 100 to 10000 \\(got "${bad.replace('.', '\\.')}"\\)`));
    }
  });
});
