-- The timeline in byte order (issue 12: audited reads). Every list of entries is ordered as SQLite orders
-- text (COLLATE "C": date_first, time, recorded_at, id, doc_name), whatever collation the database has, so
-- both backends list the same order. The timeline index (0005) has the database's collation (C.UTF-8 in
-- the tests, often en_US.UTF-8), which PostgreSQL cannot use for a COLLATE "C" order: a page of 500 was a
-- scan of all the chronology's rows and a sort (EXPLAIN ANALYZE, 5,000 entries: 9.6 ms). This index has
-- the same columns in byte order, so a page (and the cursor's keyset condition) is a range of the index.
-- Not in the Drizzle schema (it cannot spell a collation per column; the parity test compares the
-- indexes both dialects declare, and SQLite's BINARY index already is byte order).
CREATE INDEX "entries_timeline_bytes_idx" ON "entries" USING btree ("chronology_id", "date_first" COLLATE "C", "time" COLLATE "C", "recorded_at" COLLATE "C", "id" COLLATE "C", "doc_name" COLLATE "C");
