-- The guarantees the SQLite migrations give by hand (drizzle/0001_append-only-triggers.sql), in PL/pgSQL,
-- plus the audit chain's head row. The audit log is append-only: no statement may change or remove a record
-- (TRUNCATE included, which row triggers do not see). Someone who owns the database can drop these
-- triggers; the hash chain is what catches that (src/repos/audit.ts, src/pg/audit.ts).
CREATE FUNCTION mac_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION '%', TG_ARGV[0];
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log FOR EACH ROW EXECUTE FUNCTION mac_refuse_change('audit_log is append-only');
--> statement-breakpoint
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION mac_refuse_change('audit_log is append-only');
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION mac_refuse_change('audit_log is append-only');
--> statement-breakpoint
-- A stored Yjs update is never edited. Compaction deletes a document's oldest rows and inserts one merged
-- update in their place, so DELETE stays allowed.
CREATE TRIGGER doc_updates_no_update BEFORE UPDATE ON doc_updates FOR EACH ROW EXECUTE FUNCTION mac_refuse_change('doc_updates rows are immutable');
--> statement-breakpoint
-- The head of the audit chain (what sqlite_sequence and the last row are in SQLite): exactly one row,
-- starting at the genesis hash, that only moves forward and is never removed.
ALTER TABLE audit_head ADD CONSTRAINT audit_head_one_row CHECK (id = 1);
--> statement-breakpoint
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
--> statement-breakpoint
CREATE FUNCTION mac_audit_head_forward() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF NEW.id <> OLD.id OR NEW.seq <= OLD.seq THEN
		RAISE EXCEPTION 'audit_head only moves forward';
	END IF;
	RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_head_forward BEFORE UPDATE ON audit_head FOR EACH ROW EXECUTE FUNCTION mac_audit_head_forward();
--> statement-breakpoint
CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head FOR EACH ROW EXECUTE FUNCTION mac_refuse_change('audit_head is never removed');
--> statement-breakpoint
CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head FOR EACH STATEMENT EXECUTE FUNCTION mac_refuse_change('audit_head is never removed');
