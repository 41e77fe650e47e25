-- The caseload a page at a time (issue 17): chronologies newest first (created_at descending, then id
-- ascending: the order of every caseload page), so a page is a walk down this index that stops after
-- `limit` + 1 chronologies the viewer may see, not a probe of every chronology and a sort of all those
-- visible (county size, a social-care page: 6.3 ms of CPU for its ids, 0.2 with this index). Not in the
-- Drizzle schema, which cannot spell a descending column; PostgreSQL has the same index in byte order
-- (drizzle-pg 0017), and the parity test compares only the indexes both schemas declare.
CREATE INDEX `chronologies_newest_idx` ON `chronologies` (`created_at` DESC, `id`);
