// A household event's copies stay the same (issue 14): amending or withdrawing any copy, over REST or the
// websocket, is carried to every other copy by the server, after the first copy's write is durable, as the
// same writer (its principal, its channel and address), through each copy's room like any write: checked,
// stored with its projection and its own audit record (`householdEventId`, `propagated: true`), broadcast.
//
// Off the write path: `persisted` only notes the changes; the carrying runs afterwards, one change at a
// time, in order. A carried change is not carried on again (no echo between copies).
//
// A copy the writer may no longer change is left as it is: the author's agency has left that child's
// chronology (or been removed), so it may not write there, as with any of its entries there. The refusal is
// audited on that chronology (its lead and DSLs see that a copy is out of step, and why), never silently
// forced through as the system. A withdrawn copy is not amended again (withdrawal is one way).
import { decide, type Entry, type Principal } from '@mac/domain';
import { amendEntry, parseDocName, type AcceptedUpdate, type EntryChange, type WriteMeta } from '@mac/sync';
import type { AppDeps } from '../deps.js';
import { accessOf } from './access.js';
import { audit } from './audit.js';

export interface HouseholdCopies {
  /** After a durable write: notes the household copies it amended or withdrew (no storage, no waiting). */
  persisted(accepted: readonly AcceptedUpdate[]): void;
  /** Resolves once every change noted so far has been carried (tests, shutdown). */
  flush(): Promise<void>;
}

interface Carry {
  principal: Principal;
  meta: WriteMeta;
  chronologyId: string;
  change: EntryChange;
  householdEventId: string;
}

export function createHouseholdCopies(getDeps: () => AppDeps): HouseholdCopies {
  let work: Promise<void> = Promise.resolve();
  return {
    persisted(accepted) {
      const todo: Carry[] = [];
      for (const write of accepted) {
        if (write.meta.propagated) continue;
        const chronologyId = parseDocName(write.docName)?.chronologyId;
        if (chronologyId === undefined) continue;
        for (const change of write.changes) {
          const householdEventId = change.after.householdEventId;
          if (change.kind === 'create' || householdEventId === undefined) continue;
          todo.push({ principal: write.principal, meta: write.meta, chronologyId, change, householdEventId });
        }
      }
      if (todo.length === 0) return;
      work = work.then(async () => {
        for (const carry of todo) {
          await carryToCopies(getDeps(), carry).catch((err: unknown) => console.error('[mac] could not carry a household event’s change to its copies:', err));
        }
      });
    },
    flush: () => work,
  };
}

async function carryToCopies(deps: AppDeps, { principal, meta, chronologyId, change, householdEventId }: Carry): Promise<void> {
  // The changed fields as they now are (a screening field the change cleared is present as undefined, which
  // amendEntry clears too).
  const after = change.after as unknown as Record<string, unknown>;
  const fields = Object.fromEntries(change.fields.map((field) => [field, after[field]])) as Partial<Entry>;
  const action = change.kind === 'withdraw' ? 'entry:withdraw' : 'entry:amend';
  const copies = (await deps.repos.entries.householdCopies(householdEventId)).filter((c) => !(c.chronologyId === chronologyId && c.id === change.entryId));
  for (const copy of copies) {
    if (copy.status === 'withdrawn') continue;
    const record = await deps.repos.chronologies.get(copy.chronologyId);
    if (!record) continue;
    const access = await accessOf(deps, record);
    const decision = decide(principal, action, access, copy);
    const refused = async (reason: string) =>
      audit(deps, principal, meta.ip, {
        action: 'household-event:carry',
        outcome: 'refused',
        chronologyId: copy.chronologyId,
        entryId: copy.id,
        details: { householdEventId, change: change.kind, reason },
      });
    if (!decision.allowed) {
      await refused(decision.reason);
      continue;
    }
    try {
      await deps.rooms.submitLocal(copy.docName, { principal, chronology: access, meta: { ...meta, householdEventId, propagated: true } }, (doc) => amendEntry(doc, copy.id, fields));
    } catch (err) {
      await refused(err instanceof Error ? err.message : String(err));
    }
  }
}
