CREATE TABLE `action_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`action_id` text NOT NULL,
	`chronology_id` text NOT NULL,
	`at` text NOT NULL,
	`by` text NOT NULL,
	`kind` text NOT NULL,
	`changes` text NOT NULL,
	FOREIGN KEY (`action_id`) REFERENCES `actions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`chronology_id`) REFERENCES `chronologies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `action_changes_action_idx` ON `action_changes` (`action_id`,`id`);--> statement-breakpoint
CREATE INDEX `action_changes_chronology_idx` ON `action_changes` (`chronology_id`);--> statement-breakpoint
CREATE TABLE `actions` (
	`id` text PRIMARY KEY NOT NULL,
	`chronology_id` text NOT NULL,
	`title` text NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`owner_agency` text NOT NULL,
	`owner_user_id` text NOT NULL,
	`due_date` text NOT NULL,
	`status` text NOT NULL,
	`outcome` text,
	`reason` text,
	`source` text NOT NULL,
	`source_ref` text DEFAULT '' NOT NULL,
	`entry_ids` text DEFAULT '[]' NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	FOREIGN KEY (`chronology_id`) REFERENCES `chronologies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_agency`) REFERENCES `agencies`(`slug`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `actions_chronology_idx` ON `actions` (`chronology_id`,`due_date`);--> statement-breakpoint
CREATE INDEX `actions_open_due_idx` ON `actions` (`status`,`due_date`,`chronology_id`);--> statement-breakpoint
-- An action's history is never edited (added by hand after drizzle-kit's output; keep it if this file is
-- regenerated). Disposing of a chronology at the end of retention deletes its rows, so DELETE stays allowed.
CREATE TRIGGER `action_changes_no_update` BEFORE UPDATE ON `action_changes`
BEGIN
	SELECT RAISE(ABORT, 'action_changes rows are immutable');
END;
