CREATE TABLE `alert_outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`to_address` text NOT NULL,
	`chronology_id` text,
	`delivery` text NOT NULL,
	`line` text NOT NULL,
	`created_at` text NOT NULL,
	`due_at` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text NOT NULL,
	`sent_at` text,
	`last_error` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`chronology_id`) REFERENCES `chronologies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `alert_outbox_due_idx` ON `alert_outbox` (`sent_at`,`due_at`);--> statement-breakpoint
CREATE TABLE `alert_preferences` (
	`user_id` text PRIMARY KEY NOT NULL,
	`episodes_follow` integer NOT NULL,
	`episodes_frequency` text NOT NULL,
	`entry_categories` text NOT NULL,
	`entries_frequency` text NOT NULL,
	`actions_follow` integer NOT NULL,
	`actions_frequency` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `alert_state` (
	`chronology_id` text NOT NULL,
	`user_id` text NOT NULL,
	`subject` text NOT NULL,
	`state` text NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`chronology_id`, `user_id`, `subject`),
	FOREIGN KEY (`chronology_id`) REFERENCES `chronologies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
