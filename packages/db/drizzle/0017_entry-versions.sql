-- A version number per chronology that moves with every change to its entry projection (issue 12: audited
-- reads). The read lane keeps the last pages it wrote as JSON (repos/entry-page.ts) and serves one again
-- only while its chronology's version is the one it was read at, checked in the same read transaction: a
-- page is never older than the snapshot the read would have seen. Triggers, so every writer moves it (the
-- server's units of work, rebuilds, a tool run on the file) and nothing can forget to.
--
-- Not in the Drizzle schema (like the search index): nothing but the page reader reads it, and the
-- PostgreSQL adapter does not cache pages, so the schema parity test is untouched. A chronology without a
-- row is at version 0; rows are never removed, so a version never goes back to one a page was read at.
CREATE TABLE `entry_versions` (
	`chronology_id` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TRIGGER `entry_versions_insert` AFTER INSERT ON `entries`
BEGIN
	INSERT INTO `entry_versions` (`chronology_id`, `version`) VALUES (new.`chronology_id`, 1)
	ON CONFLICT (`chronology_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `entry_versions_update` AFTER UPDATE ON `entries`
BEGIN
	INSERT INTO `entry_versions` (`chronology_id`, `version`) VALUES (old.`chronology_id`, 1)
	ON CONFLICT (`chronology_id`) DO UPDATE SET `version` = `version` + 1;
	INSERT INTO `entry_versions` (`chronology_id`, `version`) VALUES (new.`chronology_id`, 1)
	ON CONFLICT (`chronology_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `entry_versions_delete` AFTER DELETE ON `entries`
BEGIN
	INSERT INTO `entry_versions` (`chronology_id`, `version`) VALUES (old.`chronology_id`, 1)
	ON CONFLICT (`chronology_id`) DO UPDATE SET `version` = `version` + 1;
END;
