// The stored form of an import being written in slices (port.ts ImportJournal; table `pending_imports`),
// decided once for both adapters: the same columns, the same JSON.
import type { Entry } from '@mac/domain';
import type { ImportJournal } from './port.js';

export interface ImportJournalRow {
  id: string;
  chronologyId: string;
  docName: string;
  principal: string;
  details: string;
  entries: string;
  createdAt: string;
  touchedAt: string;
  writer: string;
}

export function importJournalRow(journal: ImportJournal): ImportJournalRow {
  return {
    id: journal.id,
    chronologyId: journal.chronologyId,
    docName: journal.docName,
    principal: JSON.stringify(journal.principal),
    details: JSON.stringify(journal.details),
    entries: JSON.stringify(journal.entries),
    createdAt: journal.createdAt,
    touchedAt: journal.touchedAt,
    writer: journal.writer,
  };
}

export function importJournalOf(row: ImportJournalRow): ImportJournal {
  return {
    id: row.id,
    chronologyId: row.chronologyId,
    docName: row.docName,
    principal: JSON.parse(row.principal) as unknown,
    details: JSON.parse(row.details) as Record<string, unknown>,
    entries: JSON.parse(row.entries) as Entry[],
    createdAt: row.createdAt,
    touchedAt: row.touchedAt,
    writer: row.writer,
  };
}
