-- Full-text search over the entry projection (issue 15, item 6: search across a caseload), PostgreSQL's
-- counterpart of the SQLite FTS5 index (drizzle/0013_entry-search.sql).
--
-- A generated column holds each entry's tsvector ('english': stemmed, stop words dropped), weighted so a
-- match in the summary ranks above one in the detail, and so on; PostgreSQL recomputes it on every write
-- of the row, so it follows amendments and withdrawals in the same transaction, and adding it computes
-- it for every existing row (the backfill). A GIN index serves `search @@ query`. The column is not in
-- src/pg/schema.ts: nothing but the search repository (src/pg/search.ts) reads it, and the schemas stay
-- in parity with SQLite, whose index is a separate virtual table.
ALTER TABLE "entries" ADD COLUMN "search" tsvector GENERATED ALWAYS AS (
	setweight(to_tsvector('english'::regconfig, "summary"), 'A') ||
	setweight(to_tsvector('english'::regconfig, "detail"), 'B') ||
	setweight(to_tsvector('english'::regconfig, "childs_voice"), 'B') ||
	setweight(to_tsvector('english'::regconfig, "impact_on_child"), 'C') ||
	setweight(to_tsvector('english'::regconfig, "action_taken"), 'C') ||
	setweight(to_tsvector('english'::regconfig, "source_ref"), 'D')
) STORED;
--> statement-breakpoint
CREATE INDEX "entries_search_idx" ON "entries" USING gin ("search");
