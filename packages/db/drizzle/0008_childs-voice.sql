ALTER TABLE `entries` ADD `childs_voice` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `entries` ADD `seen_alone` text DEFAULT '' NOT NULL;