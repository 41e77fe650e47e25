// Entry ids are unique across a chronology's documents: the rooms refuse a reused id (issue 11, finding 2).
// Data stored before that rule may already hold one id in two documents; the projection, keyed by
// (chronology, id) then, kept only one of the two rows, so the other entry had vanished from every list.
// At start-up this finds such ids from the audit log's creation records, rebuilds the projection of those
// chronologies from the update log (now keyed by document as well, so both entries come back), and reports
// each collision: in the server log and as an audit record, for an operator to look at.
import { parseDocName } from '@mac/sync';
import type { AppDeps } from '../deps.js';
import { audit } from './audit.js';
import { rebuildProjection } from './persistence.js';

export interface EntryIdCollision {
  chronologyId: string;
  id: string;
  docNames: string[];
}

export async function checkEntryIdCollisions(deps: AppDeps, log: (line: string) => void): Promise<EntryIdCollision[]> {
  const suspects = new Set((await deps.repos.audit.repeatedCreates()).map((r) => r.chronologyId));
  if (suspects.size > 0) {
    await rebuildProjection(deps.store, (docName) => suspects.has(parseDocName(docName)?.chronologyId ?? ''));
  }
  const collisions = await deps.repos.entries.collisions();
  for (const c of collisions) {
    log(`[mac] WARNING: entry id ${c.id} of chronology ${c.chronologyId} is used in ${c.docNames.length} documents (${c.docNames.join(', ')}); both entries are kept, see docs/operations.md`);
  }
  if (collisions.length > 0) {
    const system = { id: 'system', kind: 'user' as const, role: 'admin' as const, agency: '', name: 'system' };
    for (const c of collisions) {
      // Reported in the server log at every start; audited once.
      if ((await deps.repos.audit.list({ chronologyId: c.chronologyId, entryId: c.id, action: 'system:entry-id-collision', limit: 1 })).length > 0) continue;
      await audit(deps, system, null, { action: 'system:entry-id-collision', chronologyId: c.chronologyId, entryId: c.id, details: { documents: c.docNames.length } });
    }
  }
  return collisions;
}
