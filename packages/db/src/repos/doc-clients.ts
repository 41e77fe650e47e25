// Owners of the Yjs client ids of each document (see the doc_clients table). First claim wins, for good.
import { eq, sql } from 'drizzle-orm';
import { docClients } from '../schema.js';
import type { RepoContext } from './context.js';
import { lazySelect } from './direct-select.js';

export function createDocClientsRepo({ db, now }: RepoContext) {
  const { orm } = db;
  // Read whenever a room opens: built once, run directly (direct-select.ts).
  const selectOwners = lazySelect<{ clientId: number; principalId: string }>(() =>
    orm.select({ clientId: docClients.clientId, principalId: docClients.principalId }).from(docClients).where(eq(docClients.docName, sql.placeholder('docName'))).prepare(),
  );
  return {
    /** Every owned client id of the document, with its principal. */
    owners(docName: string): Map<number, string> {
      const rows = selectOwners.all({ docName });
      return new Map(rows.map((row) => [row.clientId, row.principalId]));
    },

    /**
     * Records `principalId` as the owner of each client id that has none yet; an id already owned keeps
     * its owner (the caller has checked it). Inside `db.tx` it commits with the caller's transaction.
     */
    claim(docName: string, clientIds: readonly number[], principalId: string): void {
      if (clientIds.length === 0) return;
      const claimedAt = now();
      orm
        .insert(docClients)
        .values(clientIds.map((clientId) => ({ docName, clientId, principalId, claimedAt })))
        .onConflictDoNothing()
        .run();
    },
  };
}

export type DocClientsRepo = ReturnType<typeof createDocClientsRepo>;
