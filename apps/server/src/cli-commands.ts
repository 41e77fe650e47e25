// The command line's commands other than `start`, callable in-process: `cli.ts` runs them for `mac <command>`,
// and the tests call them directly (each process spawned under tsx loads the whole server again, seconds
// apiece on a loaded machine). What a command prints goes to `io`, and its exit code is returned.
import { anchorFile, checkAnchor, readAnchor } from './services/audit-anchor.js';
import { loadConfig } from './config.js';
import { closeDeps, createDeps, openStore } from './create-deps.js';
import { rebuildProjection } from './services/persistence.js';
import { seedDemoData } from './seed.js';
import { WEB_DIST_DEFAULT } from './server.js';

export interface CommandIo {
  env: NodeJS.ProcessEnv;
  out(line: string): void;
  err(line: string): void;
}

export const USAGE = `Usage: mac <command>
  start               start the service (default); seeds demo data into an empty database
  migrate             apply database migrations and exit
  seed                load the demo data into an empty database
  verify-audit [--no-anchor]
                      verify the audit log's hash chain (names the first broken record) and that the
                      newest record anchored outside the database is still there; --no-anchor only when
                      there is really no anchor (a fresh install, a restored backup)
  compact             merge every document's update log into one update each
  rebuild-projection  rebuild the entry tables from the update log
  rebuild-search-index
                      rebuild the full-text index of the entries from the entry table (a repair: every
                      write keeps it in step; on SQLite the service's writes wait while it runs)
  backup <file>       online backup of the database (safe while the service runs)
Environment: HOST, PORT, MAC_DATA_DIR, MAC_DEMO_PASSWORD, MAC_AUDIT_KEY(_FILE), MAC_AUDIT_ANCHOR_FILE, NODE_ENV — see docs/operations.md`;

export async function runCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  const [command = 'help', ...rest] = argv;
  const config = loadConfig(io.env, WEB_DIST_DEFAULT);
  const log = io.out;
  const error = io.err;
  switch (command) {
    case 'migrate': {
      const store = await openStore(config, { thread: 'inline' });
      await store.close();
      log(`[mac] migrations applied in ${store.location}`);
      return 0;
    }
    case 'seed': {
      const deps = await createDeps(config);
      try {
        const { seeded } = await deps.store.exclusively('seed-demo', () => seedDemoData(deps));
        if (!seeded) log('[seed] the database already has users: nothing done');
      } finally {
        await closeDeps(deps);
      }
      return 0;
    }
    case 'verify-audit': {
      const unknown = rest.filter((arg) => arg !== '--no-anchor');
      if (unknown.length > 0) {
        error(`verify-audit: unknown option ${unknown.join(' ')}\n${USAGE}`);
        return 1;
      }
      const noAnchor = rest.includes('--no-anchor');
      const anchor = anchorFile(config);
      const store = await openStore(config, { thread: 'inline' });
      const result = await store.repos.audit.verify();
      const anchorMissing = result.ok && readAnchor(anchor) === null;
      const anchorProblem = result.ok && !anchorMissing ? await checkAnchor(store.repos, anchor) : null;
      await store.close();
      if (anchorMissing && !noAnchor) {
        error(
          `[mac] AUDIT ANCHOR MISSING: no anchor at ${anchor}, so records cut off the end of the chain would go unnoticed (${result.count} records otherwise intact). ` +
            'Point MAC_AUDIT_ANCHOR_FILE at the anchor, or pass --no-anchor if this database really has none (a fresh install or a restored backup).',
        );
        return 3;
      }
      if (anchorProblem) {
        error(`[mac] AUDIT CHAIN TRUNCATED: ${anchorProblem}`);
        return 2;
      }
      if (result.ok) {
        log(`[mac] audit chain verified: ${result.count} records intact${anchorMissing ? ' (no anchor checked: --no-anchor)' : `, anchor ${anchor} matches`}`);
        return 0;
      }
      error(`[mac] AUDIT CHAIN BROKEN at record ${result.firstBrokenSeq} (${result.reason}); ${result.count} records checked`);
      return 2;
    }
    case 'compact': {
      const deps = await createDeps(config);
      try {
        const docNames = await deps.repos.updateLog.docNames();
        for (const docName of docNames) await deps.rooms.compact(docName);
        log(`[mac] compacted ${docNames.length} documents`);
      } finally {
        await closeDeps(deps);
      }
      return 0;
    }
    case 'rebuild-projection': {
      const deps = await createDeps(config);
      try {
        const count = await rebuildProjection(deps.store);
        log(`[mac] projection rebuilt: ${count} entries`);
      } finally {
        await closeDeps(deps);
      }
      return 0;
    }
    case 'rebuild-search-index': {
      const store = await openStore(config, { thread: 'inline' });
      try {
        const count = await store.repos.search.rebuildIndex();
        log(`[mac] search index rebuilt: ${count} entries`);
      } finally {
        await store.close();
      }
      return 0;
    }
    case 'backup': {
      const target = rest[0];
      if (!target) {
        error('backup needs a target file: mac backup /path/to/backup.sqlite (on PostgreSQL: a pg_dump custom-format file)');
        return 1;
      }
      const store = await openStore(config, { thread: 'inline' });
      try {
        await store.backup(target);
        log(`[mac] backup written to ${target}`);
      } finally {
        await store.close();
      }
      return 0;
    }
    default:
      error(USAGE);
      return command === 'help' || command === '--help' ? 0 : 1;
  }
}

