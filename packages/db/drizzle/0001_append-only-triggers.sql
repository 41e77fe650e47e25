-- The audit log is append-only: no statement may change or remove a record. (Someone with the file can
-- drop these triggers; the hash chain is what catches that, see src/repos/audit.ts.)
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log`
BEGIN
	SELECT RAISE(ABORT, 'audit_log is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log`
BEGIN
	SELECT RAISE(ABORT, 'audit_log is append-only');
END;
--> statement-breakpoint
-- A stored Yjs update is never edited. Compaction deletes a document's oldest rows and inserts one
-- merged update in their place, so DELETE stays allowed.
CREATE TRIGGER `doc_updates_no_update` BEFORE UPDATE ON `doc_updates`
BEGIN
	SELECT RAISE(ABORT, 'doc_updates rows are immutable');
END;
