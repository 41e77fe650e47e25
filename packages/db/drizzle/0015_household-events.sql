CREATE TABLE `household_events` (
	`id` text PRIMARY KEY NOT NULL,
	`household_id` text NOT NULL,
	`agency` text NOT NULL,
	`recorded_by` text NOT NULL,
	`recorded_at` text NOT NULL,
	`chronology_ids` text NOT NULL,
	`skipped` text NOT NULL,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `entries` ADD `household_event_id` text;--> statement-breakpoint
CREATE INDEX `entries_household_event_idx` ON `entries` (`household_event_id`);