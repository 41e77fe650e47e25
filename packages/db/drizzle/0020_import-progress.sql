-- An import's last progress and its writer (docs/storage.md S7): `touched_at` is set when the import is
-- begun and again in the transaction of each slice stored, so that another node takes over only an import
-- whose progress stopped (its node died, or its writing is stuck), never one still being written however
-- long it runs; `writer` is whoever writes it now (a random id per attempt), the only one that may finish
-- it. An import cut short before this release: last progress when it began, no writer (whoever finishes
-- it takes it over first).
ALTER TABLE `pending_imports` ADD `touched_at` text NOT NULL DEFAULT '';--> statement-breakpoint
ALTER TABLE `pending_imports` ADD `writer` text NOT NULL DEFAULT '';--> statement-breakpoint
UPDATE `pending_imports` SET `touched_at` = `created_at`;
