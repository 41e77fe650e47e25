CREATE TABLE `agencies` (
	`slug` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `api_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`agency_slug` text NOT NULL,
	`name` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	`revoked_at` text,
	`last_used_at` text,
	FOREIGN KEY (`agency_slug`) REFERENCES `agencies`(`slug`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_token_hash_unique` ON `api_tokens` (`token_hash`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`actor_id` text NOT NULL,
	`actor_label` text NOT NULL,
	`actor_agency` text NOT NULL,
	`action` text NOT NULL,
	`outcome` text NOT NULL,
	`chronology_id` text,
	`entry_id` text,
	`details` text NOT NULL,
	`ip` text,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_log_chronology_idx` ON `audit_log` (`chronology_id`,`seq`);--> statement-breakpoint
CREATE INDEX `audit_log_actor_idx` ON `audit_log` (`actor_id`,`seq`);--> statement-breakpoint
CREATE TABLE `break_glass_grants` (
	`id` text PRIMARY KEY NOT NULL,
	`chronology_id` text NOT NULL,
	`user_id` text NOT NULL,
	`reason` text NOT NULL,
	`granted_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`reviewed_by` text,
	`reviewed_at` text,
	`review_note` text,
	FOREIGN KEY (`chronology_id`) REFERENCES `chronologies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `break_glass_chronology_idx` ON `break_glass_grants` (`chronology_id`,`expires_at`);--> statement-breakpoint
CREATE INDEX `break_glass_user_idx` ON `break_glass_grants` (`user_id`,`expires_at`);--> statement-breakpoint
CREATE TABLE `children` (
	`id` text PRIMARY KEY NOT NULL,
	`given_name` text NOT NULL,
	`family_name` text NOT NULL,
	`date_of_birth` text,
	`nhs_number` text,
	`upn` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `chronologies` (
	`id` text PRIMARY KEY NOT NULL,
	`child_id` text NOT NULL,
	`lead_user_id` text NOT NULL,
	`kind` text DEFAULT 'child-protection' NOT NULL,
	`title` text,
	`created_at` text NOT NULL,
	`retention_until` text,
	`legal_hold` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`child_id`) REFERENCES `children`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lead_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `chronologies_child_idx` ON `chronologies` (`child_id`);--> statement-breakpoint
CREATE TABLE `chronology_agencies` (
	`chronology_id` text NOT NULL,
	`agency_slug` text NOT NULL,
	`added_at` text NOT NULL,
	`added_by` text NOT NULL,
	PRIMARY KEY(`chronology_id`, `agency_slug`),
	FOREIGN KEY (`chronology_id`) REFERENCES `chronologies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agency_slug`) REFERENCES `agencies`(`slug`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `chronology_agencies_agency_idx` ON `chronology_agencies` (`agency_slug`);--> statement-breakpoint
CREATE TABLE `doc_updates` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`doc_name` text NOT NULL,
	`data` blob NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `doc_updates_doc_seq_idx` ON `doc_updates` (`doc_name`,`seq`);--> statement-breakpoint
CREATE TABLE `entries` (
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
	PRIMARY KEY(`chronology_id`, `id`),
	FOREIGN KEY (`chronology_id`) REFERENCES `chronologies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `entries_chronology_date_idx` ON `entries` (`chronology_id`,`date_first`);--> statement-breakpoint
CREATE INDEX `entries_doc_idx` ON `entries` (`doc_name`);--> statement-breakpoint
CREATE TABLE `login_attempts` (
	`key` text NOT NULL,
	`at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `login_attempts_key_at_idx` ON `login_attempts` (`key`,`at`);--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`chronology_id` text,
	`kind` text NOT NULL,
	`message` text NOT NULL,
	`created_at` text NOT NULL,
	`read_at` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`chronology_id`) REFERENCES `chronologies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `notifications_user_idx` ON `notifications` (`user_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `pattern_reviews` (
	`id` text PRIMARY KEY NOT NULL,
	`chronology_id` text NOT NULL,
	`rule_id` text NOT NULL,
	`highlight_key` text NOT NULL,
	`status` text NOT NULL,
	`note` text NOT NULL,
	`entry_fingerprint` text NOT NULL,
	`reviewed_by` text NOT NULL,
	`reviewed_at` text NOT NULL,
	FOREIGN KEY (`chronology_id`) REFERENCES `chronologies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pattern_reviews_highlight_idx` ON `pattern_reviews` (`chronology_id`,`highlight_key`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id_hash` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`created_at` text NOT NULL,
	`last_seen_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`ip` text,
	`user_agent` text,
	`revoked_at` text,
	`reauthenticated_at` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE INDEX `sessions_expires_idx` ON `sessions` (`expires_at`);--> statement-breakpoint
CREATE TABLE `snapshots` (
	`id` text PRIMARY KEY NOT NULL,
	`chronology_id` text NOT NULL,
	`label` text NOT NULL,
	`taken_at` text NOT NULL,
	`taken_by` text NOT NULL,
	`shared_state` blob NOT NULL,
	`meta` text DEFAULT '{}' NOT NULL,
	FOREIGN KEY (`chronology_id`) REFERENCES `chronologies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `snapshots_chronology_idx` ON `snapshots` (`chronology_id`,`taken_at`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`agency_slug` text NOT NULL,
	`password_hash` text,
	`disabled` integer DEFAULT false NOT NULL,
	`created_at` text NOT NULL,
	`password_changed_at` text,
	FOREIGN KEY (`agency_slug`) REFERENCES `agencies`(`slug`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);