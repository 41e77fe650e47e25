// Imports being written, committed in slices (see the SQLite schema's `pending_imports`): a module of its
// own, as schema.ts is at its size limit; drizzle-kit reads both (drizzle.pg.config.ts), and
// schema-parity.test.ts compares both with the SQLite schema.
import { index, pgTable, text } from 'drizzle-orm/pg-core';

/** Imports being written, committed in slices (see the SQLite schema's `pending_imports`). */
export const pendingImports = pgTable(
  'pending_imports',
  {
    id: text('id').primaryKey(),
    chronologyId: text('chronology_id').notNull(),
    docName: text('doc_name').notNull(),
    principal: text('principal').notNull(),
    details: text('details').notNull(),
    entries: text('entries').notNull(),
    createdAt: text('created_at').notNull(),
    touchedAt: text('touched_at').notNull(),
    writer: text('writer').notNull(),
  },
  (t) => [index('pending_imports_chronology_idx').on(t.chronologyId)],
);
