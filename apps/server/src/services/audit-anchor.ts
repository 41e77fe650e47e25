import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ensurePrivateDir, type Repos } from '@mac/db';
import type { ServerConfig } from '../config.js';

/**
 * The hash chain proves that no record inside it was altered, but not that its newest records were not
 * cut off (with `sqlite_sequence` rewound to match). So the head of the chain — its last sequence number
 * and hash — is also written outside the database, beside the audit key, and every later check requires
 * that record to still be there with the same hash.
 */
export interface AuditAnchor {
  seq: number;
  hash: string;
  at: string;
}

export function anchorFile(config: Pick<ServerConfig, 'dataDir' | 'auditAnchorFile'>): string {
  return config.auditAnchorFile ?? join(config.dataDir, 'audit.anchor');
}

export function readAnchor(file: string): AuditAnchor | null {
  if (!existsSync(file)) return null;
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as AuditAnchor;
  if (!Number.isInteger(parsed.seq) || typeof parsed.hash !== 'string') throw new Error(`${file} is not an audit anchor`);
  return parsed;
}

/** Writes the current head of the chain (atomically); returns it, or null for an empty log. */
export async function writeAnchor(repos: Repos, file: string, now = new Date()): Promise<AuditAnchor | null> {
  const head = (await repos.audit.list({ limit: 1 }))[0];
  if (!head) return null;
  const anchor = { seq: head.seq, hash: head.hash, at: now.toISOString() };
  ensurePrivateDir(dirname(file));
  writeFileSync(`${file}.tmp`, JSON.stringify(anchor) + '\n', { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
  return anchor;
}

/**
 * Null when the anchored record is present and unchanged (or there is no anchor: the service's first start
 * has none yet; `verify-audit` refuses a missing anchor itself unless told `--no-anchor`); else the problem.
 */
export async function checkAnchor(repos: Repos, file: string): Promise<string | null> {
  const anchor = readAnchor(file);
  if (!anchor) return null;
  const record = (await repos.audit.list({ beforeSeq: anchor.seq + 1, limit: 1 }))[0];
  if (!record || record.seq !== anchor.seq) return `record ${anchor.seq}, anchored at ${anchor.at}, is missing: the newest records were removed`;
  if (record.hash !== anchor.hash) return `record ${anchor.seq} no longer has the hash anchored at ${anchor.at}`;
  return null;
}
