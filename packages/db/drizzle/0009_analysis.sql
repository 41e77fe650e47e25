CREATE TABLE `analysis_versions` (
	`chronology_id` text NOT NULL,
	`version` integer NOT NULL,
	`text` text NOT NULL,
	`family_summary` text DEFAULT '' NOT NULL,
	`author_id` text NOT NULL,
	`author_name` text NOT NULL,
	`author_agency` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`chronology_id`, `version`),
	FOREIGN KEY (`chronology_id`) REFERENCES `chronologies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `analysis_views` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`chronology_id` text NOT NULL,
	`agency` text NOT NULL,
	`position` text NOT NULL,
	`text` text NOT NULL,
	`on_version` integer NOT NULL,
	`author_id` text NOT NULL,
	`author_name` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`chronology_id`) REFERENCES `chronologies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agency`) REFERENCES `agencies`(`slug`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `analysis_views_chronology_idx` ON `analysis_views` (`chronology_id`,`id`);