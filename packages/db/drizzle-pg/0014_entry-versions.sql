-- A version number per chronology that moves with every change to its entry projection (issue 12: audited
-- reads), PostgreSQL's counterpart of the SQLite migration 0017. The store's client keeps the last pages of
-- entries it wrote as JSON (src/kept-pages.ts, src/pg/entry-page.ts) and serves one again only while its
-- chronology's version, read from the database each time, is the one the page was read at (read in the
-- page's own statement, so page and version come from one snapshot). Several nodes write one database, so
-- nothing node-local can say a page is current: the triggers move the version in the writing transaction,
-- whoever writes (any node's units of work, rebuilds, a tool connected with psql), and nothing can forget to.
--
-- Concurrent writers: each bump is an upsert of the chronology's row (`version = version + 1`), which takes
-- the row's lock until the writing transaction ends; a second writer's upsert waits for it and then adds to
-- the committed number, so no bump is lost. Within one statement the rows are locked in chronology order.
-- Statement-level triggers with transition tables: one upsert per chronology a statement touched, not one
-- per row (a batch of 500 entries is one statement per 500 rows). A version only needs to grow, so an upsert
-- of `entries` that both inserts and updates rows of one chronology moving it twice does no harm.
--
-- Not in the Drizzle schemas (as on SQLite; like the search column): nothing but the page reader reads it,
-- and the schemas stay in parity. A chronology without a row is at version 0; rows are never removed (not
-- even when a chronology is disposed of), so a version never goes back to one a page was read at. Existing
-- databases: every chronology with entries starts at 1 (any number would do: no page is kept across the
-- upgrade, and from here every change moves it).
CREATE TABLE "entry_versions" (
	"chronology_id" text PRIMARY KEY NOT NULL,
	"version" bigint NOT NULL
);
--> statement-breakpoint
INSERT INTO "entry_versions" ("chronology_id", "version") SELECT DISTINCT "chronology_id", 1 FROM "entries";
--> statement-breakpoint
CREATE FUNCTION "entry_versions_bump"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	-- Each branch names only the transition tables its trigger declares (PL/pgSQL plans a statement when it
	-- first runs it, so the others are never looked at).
	IF TG_OP = 'INSERT' THEN
		INSERT INTO "entry_versions" ("chronology_id", "version")
			SELECT DISTINCT "chronology_id", 1 FROM "new_rows" ORDER BY 1
			ON CONFLICT ("chronology_id") DO UPDATE SET "version" = "entry_versions"."version" + 1;
	ELSIF TG_OP = 'UPDATE' THEN
		INSERT INTO "entry_versions" ("chronology_id", "version")
			SELECT "chronology_id", 1 FROM (SELECT "chronology_id" FROM "old_rows" UNION SELECT "chronology_id" FROM "new_rows") AS "touched" ORDER BY 1
			ON CONFLICT ("chronology_id") DO UPDATE SET "version" = "entry_versions"."version" + 1;
	ELSIF TG_OP = 'DELETE' THEN
		INSERT INTO "entry_versions" ("chronology_id", "version")
			SELECT DISTINCT "chronology_id", 1 FROM "old_rows" ORDER BY 1
			ON CONFLICT ("chronology_id") DO UPDATE SET "version" = "entry_versions"."version" + 1;
	ELSE
		-- TRUNCATE (no transition table; nothing in MAC truncates entries, but a tool might): every version moves.
		UPDATE "entry_versions" SET "version" = "version" + 1;
	END IF;
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "entry_versions_insert" AFTER INSERT ON "entries" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "entry_versions_bump"();
--> statement-breakpoint
CREATE TRIGGER "entry_versions_update" AFTER UPDATE ON "entries" REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "entry_versions_bump"();
--> statement-breakpoint
CREATE TRIGGER "entry_versions_delete" AFTER DELETE ON "entries" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "entry_versions_bump"();
--> statement-breakpoint
CREATE TRIGGER "entry_versions_truncate" AFTER TRUNCATE ON "entries" FOR EACH STATEMENT EXECUTE FUNCTION "entry_versions_bump"();
