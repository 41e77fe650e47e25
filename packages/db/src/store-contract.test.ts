// The port's contract suite (store-contract.ts) against SQLite. Until the SQLite store of the port lands
// (issue 12: a worker thread owning the connection), this wraps today's synchronous repositories: each
// method resolves with its answer, and each unit of work is one `db.tx`, as the server's persistence does.
// It keeps the contract honest about SQLite; the real adapter replaces `wrapSqlite` when it exists.
import { randomBytes } from 'node:crypto';
import type { Repos, Store } from './port.js';
import { backupDatabase } from './open.js';
import { describeStoreContract } from './store-contract.js';
import { openTestDatabase, type TestDatabase } from './testing.js';
import { auditOfChange, projectionOf } from './units.js';

function promised<T extends object>(repo: T): T {
  return Object.fromEntries(
    Object.entries(repo).map(([name, fn]) => [name, typeof fn === 'function' ? async (...args: unknown[]) => (fn as (...a: unknown[]) => unknown).apply(repo, args) : fn]),
  ) as T;
}

function wrapSqlite(t: TestDatabase): Store {
  const repos = Object.fromEntries(Object.entries(t.repos).map(([name, repo]) => [name, promised(repo as object)])) as unknown as Repos;
  return {
    backend: 'sqlite',
    repos,
    persistBatch: async (writes) =>
      t.db.tx(() =>
        writes.map((w) => {
          const seq = t.repos.updateLog.append(w.docName, w.update);
          t.repos.docClients.claim(w.docName, w.claims, w.actor.id);
          for (const change of w.changes) {
            t.repos.entries.upsert(projectionOf(w.chronologyId, w.docName, change.after, w.actor.id));
            t.repos.audit.append(auditOfChange(w, change));
          }
          return seq;
        }),
      ),
    rebuildDoc: async (docName, entries) =>
      t.db.tx(() => {
        t.repos.entries.deleteForDoc(docName);
        for (const entry of entries) t.repos.entries.upsert(entry);
      }),
    appendAudit: async (records) =>
      t.db.tx(() => {
        for (const record of records) t.repos.audit.append(record);
      }),
    backup: (target) => backupDatabase(t.db, target),
    close: async () => t.cleanup(),
  };
}

describeStoreContract('sqlite (synchronous repositories, wrapped)', async ({ now }) => wrapSqlite(openTestDatabase({ now, auditKey: new Uint8Array(randomBytes(32)) })));
