-- The caseload list's figures per chronology read from this index (an index-only scan where the
-- visibility map allows), not from the wide rows (issue 17, the county bench).
CREATE INDEX "entries_caseload_idx" ON "entries" USING btree ("chronology_id","status","restricted","agency","updated_at");