-- Imports being written in slices (issue 17): the validated import with its entries, kept until its audit
-- record is written (finishImport); a row found at start-up is an import cut short, finished then.
CREATE TABLE `pending_imports` (
	`id` text PRIMARY KEY NOT NULL,
	`chronology_id` text NOT NULL,
	`doc_name` text NOT NULL,
	`principal` text NOT NULL,
	`details` text NOT NULL,
	`entries` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `pending_imports_chronology_idx` ON `pending_imports` (`chronology_id`);