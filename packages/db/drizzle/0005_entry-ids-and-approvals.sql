PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_entries` (
	`chronology_id` text NOT NULL,
	`doc_name` text NOT NULL,
	`id` text NOT NULL,
	`date` text NOT NULL,
	`date_first` text NOT NULL,
	`date_last` text NOT NULL,
	`time` text NOT NULL,
	`agency` text NOT NULL,
	`category` text NOT NULL,
	`summary` text NOT NULL,
	`detail` text NOT NULL,
	`impact_on_child` text NOT NULL,
	`action_taken` text NOT NULL,
	`source_ref` text NOT NULL,
	`recorded_by` text NOT NULL,
	`restricted` integer NOT NULL,
	`author_id` text NOT NULL,
	`recorded_at` text NOT NULL,
	`status` text NOT NULL,
	`withdrawn_reason` text NOT NULL,
	`sharing` text NOT NULL,
	`sharing_reason` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	PRIMARY KEY(`chronology_id`, `doc_name`, `id`),
	FOREIGN KEY (`chronology_id`) REFERENCES `chronologies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_entries`("chronology_id", "doc_name", "id", "date", "date_first", "date_last", "time", "agency", "category", "summary", "detail", "impact_on_child", "action_taken", "source_ref", "recorded_by", "restricted", "author_id", "recorded_at", "status", "withdrawn_reason", "sharing", "sharing_reason", "updated_at", "updated_by") SELECT "chronology_id", "doc_name", "id", "date", "date_first", "date_last", "time", "agency", "category", "summary", "detail", "impact_on_child", "action_taken", "source_ref", "recorded_by", "restricted", "author_id", "recorded_at", "status", "withdrawn_reason", "sharing", "sharing_reason", "updated_at", "updated_by" FROM `entries`;--> statement-breakpoint
DROP TABLE `entries`;--> statement-breakpoint
ALTER TABLE `__new_entries` RENAME TO `entries`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `entries_chronology_id_idx` ON `entries` (`chronology_id`,`id`);--> statement-breakpoint
CREATE INDEX `entries_chronology_date_idx` ON `entries` (`chronology_id`,`date_first`);--> statement-breakpoint
CREATE INDEX `entries_doc_idx` ON `entries` (`doc_name`);--> statement-breakpoint
ALTER TABLE `api_tokens` ADD `approved_at` text;--> statement-breakpoint
ALTER TABLE `api_tokens` ADD `approved_by` text;--> statement-breakpoint
ALTER TABLE `users` ADD `created_by` text;--> statement-breakpoint
ALTER TABLE `users` ADD `approved_at` text;--> statement-breakpoint
ALTER TABLE `users` ADD `approved_by` text;--> statement-breakpoint
-- Accounts and tokens that exist before the two-person rule keep working: approved as they were.
UPDATE `users` SET `approved_at` = `created_at`, `approved_by` = 'before-approvals' WHERE `approved_at` IS NULL;--> statement-breakpoint
UPDATE `api_tokens` SET `approved_at` = `created_at`, `approved_by` = 'before-approvals' WHERE `approved_at` IS NULL;
