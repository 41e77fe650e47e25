import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ServerConfig } from '../config.js';

/**
 * The audit chain's HMAC key lives outside the database, so someone who can edit the database file cannot
 * rewrite history and re-seal the chain. In order: MAC_AUDIT_KEY (hex, from a secret store),
 * MAC_AUDIT_KEY_FILE, else `<dataDir>/audit.key`, created 0600 on first start (fine for one machine; a
 * deployment should keep it apart from the database and its backups, see docs/operations.md).
 */
export function loadAuditKey(config: Pick<ServerConfig, 'auditKeyHex' | 'auditKeyFile' | 'dataDir'>): Uint8Array {
  if (config.auditKeyHex) {
    if (!/^[0-9a-f]{64,}$/i.test(config.auditKeyHex)) throw new Error('MAC_AUDIT_KEY must be at least 32 bytes of hex (64 hex digits)');
    return Buffer.from(config.auditKeyHex, 'hex');
  }
  const file = config.auditKeyFile ?? join(config.dataDir, 'audit.key');
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
  }
  chmodSync(file, 0o600);
  const hex = readFileSync(file, 'utf8').trim();
  if (!/^[0-9a-f]{64,}$/i.test(hex)) throw new Error(`${file} does not hold a hex audit key`);
  return Buffer.from(hex, 'hex');
}
