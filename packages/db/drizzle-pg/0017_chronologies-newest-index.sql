-- The caseload a page at a time: chronologies newest first, in byte order (COLLATE "C", the order every
-- caseload page is listed in on both backends); see the SQLite migration 0021. Not in the Drizzle schema
-- (it cannot spell a collation or a direction per column).
CREATE INDEX "chronologies_newest_idx" ON "chronologies" USING btree ("created_at" COLLATE "C" DESC, "id" COLLATE "C");
