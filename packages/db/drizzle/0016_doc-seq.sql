-- Per-document sequence numbers (issue 19): 1, 2, 3… per document, without gaps, in commit order.
-- Existing rows are numbered in their log order. The append-only trigger refuses UPDATE, so it is
-- dropped for the numbering and made again exactly as 0001 made it.
ALTER TABLE `doc_updates` ADD `doc_seq` integer NOT NULL DEFAULT 0;--> statement-breakpoint
DROP TRIGGER IF EXISTS `doc_updates_no_update`;--> statement-breakpoint
UPDATE `doc_updates` SET `doc_seq` = r.n FROM (SELECT `seq`, row_number() OVER (PARTITION BY `doc_name` ORDER BY `seq`) AS n FROM `doc_updates`) AS r WHERE r.`seq` = `doc_updates`.`seq`;--> statement-breakpoint
CREATE TRIGGER `doc_updates_no_update` BEFORE UPDATE ON `doc_updates`
BEGIN
	SELECT RAISE(ABORT, 'doc_updates rows are immutable');
END;--> statement-breakpoint
DROP INDEX `doc_updates_doc_seq_idx`;--> statement-breakpoint
CREATE UNIQUE INDEX `doc_updates_doc_name_doc_seq_uq` ON `doc_updates` (`doc_name`,`doc_seq`);
