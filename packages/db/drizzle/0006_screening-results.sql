ALTER TABLE `entries` ADD `risk_level` text;--> statement-breakpoint
ALTER TABLE `entries` ADD `score` integer;--> statement-breakpoint
ALTER TABLE `entries` ADD `area_grades` text;