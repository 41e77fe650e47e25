CREATE TABLE `people` (
	`id` text PRIMARY KEY NOT NULL,
	`given_name` text NOT NULL,
	`family_name` text NOT NULL,
	`name_key` text NOT NULL,
	`date_of_birth` text,
	`household_id` text,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`created_agency` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`merged_into` text,
	`merged_at` text,
	`merged_by` text
);
--> statement-breakpoint
CREATE INDEX `people_name_key_idx` ON `people` (`name_key`);--> statement-breakpoint
CREATE TABLE `person_flags` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`kind` text NOT NULL,
	`reason` text NOT NULL,
	`sharing` text NOT NULL,
	`agency` text NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`created_by_name` text NOT NULL,
	`withdrawn_at` text,
	`withdrawn_by` text,
	`withdrawn_by_name` text,
	`withdrawn_reason` text,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `person_flags_person_idx` ON `person_flags` (`person_id`);--> statement-breakpoint
CREATE TABLE `person_links` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_id` text NOT NULL,
	`chronology_id` text NOT NULL,
	`relationship` text NOT NULL,
	`from_date` text,
	`to_date` text,
	`added_at` text NOT NULL,
	`added_by` text NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`chronology_id`) REFERENCES `chronologies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `person_links_person_chronology_idx` ON `person_links` (`person_id`,`chronology_id`);--> statement-breakpoint
CREATE INDEX `person_links_chronology_idx` ON `person_links` (`chronology_id`);--> statement-breakpoint
ALTER TABLE `entries` ADD `person_ids` text DEFAULT '' NOT NULL;