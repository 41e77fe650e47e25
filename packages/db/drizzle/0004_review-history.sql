DROP INDEX `pattern_reviews_highlight_idx`;--> statement-breakpoint
ALTER TABLE `pattern_reviews` ADD `entry_ids` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `pattern_reviews` ADD `entry_states` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
CREATE INDEX `pattern_reviews_chronology_idx` ON `pattern_reviews` (`chronology_id`,`reviewed_at`);--> statement-breakpoint
-- Reviews saved before this migration kept no entry ids; the audit record of each review has them.
UPDATE `pattern_reviews` SET `entry_ids` = COALESCE((
  SELECT json_extract(a.`details`, '$.entryIds') FROM `audit_log` a
  WHERE a.`chronology_id` = `pattern_reviews`.`chronology_id`
    AND a.`action` IN ('pattern:reviewed', 'pattern:dismissed')
    AND a.`outcome` = 'allowed'
    AND json_extract(a.`details`, '$.highlightId') = `pattern_reviews`.`highlight_key`
    AND json_type(a.`details`, '$.entryIds') = 'array'
  ORDER BY a.`seq` DESC LIMIT 1
), '[]');
