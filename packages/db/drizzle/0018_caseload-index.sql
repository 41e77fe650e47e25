-- The caseload list's figures per chronology (active entries, last change, restricted entries of the
-- reader's agency) read from this index alone, not from the wide rows (issue 17, the county bench).
CREATE INDEX `entries_caseload_idx` ON `entries` (`chronology_id`,`status`,`restricted`,`agency`,`updated_at`);