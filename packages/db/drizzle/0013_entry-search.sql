-- Full-text search over the entry projection (issue 15, item 6: search across a caseload).
--
-- An FTS5 index with external content: it stores only the index, and reads the text back from `entries`
-- (by rowid) for snippets, so nothing is kept twice. Triggers keep it in step with every write to the
-- projection in the same transaction: a new entry is indexed, an amendment replaces the old text's
-- postings with the new (the old text can no longer be found), a rebuilt or disposed document's rows leave
-- the index with them. Withdrawn entries stay indexed and the query leaves them out, as the entry list
-- does. The index never decides who sees what: every search joins `entries` and filters there.
--
-- Tokeniser: Unicode letters and digits, case and diacritics folded, with the Porter stemmer (English),
-- to find what PostgreSQL's 'english' configuration finds ("bruise" finds "bruised").
--
-- The index is keyed by the rowid of `entries` (a table with a composite primary key, so the rowid is
-- implicit): the online backup copies pages and keeps it; `cli.ts rebuild-search-index` rebuilds the
-- index from the projection if it ever had to (docs/operations.md).
CREATE VIRTUAL TABLE `entries_fts` USING fts5(
	`summary`, `detail`, `impact_on_child`, `action_taken`, `childs_voice`, `source_ref`,
	content='entries', content_rowid='rowid',
	tokenize='porter unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `entries_fts_insert` AFTER INSERT ON `entries`
BEGIN
	INSERT INTO `entries_fts` (rowid, `summary`, `detail`, `impact_on_child`, `action_taken`, `childs_voice`, `source_ref`)
	VALUES (new.rowid, new.`summary`, new.`detail`, new.`impact_on_child`, new.`action_taken`, new.`childs_voice`, new.`source_ref`);
END;
--> statement-breakpoint
CREATE TRIGGER `entries_fts_delete` AFTER DELETE ON `entries`
BEGIN
	INSERT INTO `entries_fts` (`entries_fts`, rowid, `summary`, `detail`, `impact_on_child`, `action_taken`, `childs_voice`, `source_ref`)
	VALUES ('delete', old.rowid, old.`summary`, old.`detail`, old.`impact_on_child`, old.`action_taken`, old.`childs_voice`, old.`source_ref`);
END;
--> statement-breakpoint
-- Every write upserts the whole row: only a change of the indexed text (or of the rowid, which nothing
-- does) touches the index.
CREATE TRIGGER `entries_fts_update` AFTER UPDATE ON `entries`
WHEN old.rowid IS NOT new.rowid
	OR old.`summary` IS NOT new.`summary` OR old.`detail` IS NOT new.`detail`
	OR old.`impact_on_child` IS NOT new.`impact_on_child` OR old.`action_taken` IS NOT new.`action_taken`
	OR old.`childs_voice` IS NOT new.`childs_voice` OR old.`source_ref` IS NOT new.`source_ref`
BEGIN
	INSERT INTO `entries_fts` (`entries_fts`, rowid, `summary`, `detail`, `impact_on_child`, `action_taken`, `childs_voice`, `source_ref`)
	VALUES ('delete', old.rowid, old.`summary`, old.`detail`, old.`impact_on_child`, old.`action_taken`, old.`childs_voice`, old.`source_ref`);
	INSERT INTO `entries_fts` (rowid, `summary`, `detail`, `impact_on_child`, `action_taken`, `childs_voice`, `source_ref`)
	VALUES (new.rowid, new.`summary`, new.`detail`, new.`impact_on_child`, new.`action_taken`, new.`childs_voice`, new.`source_ref`);
END;
--> statement-breakpoint
-- Existing databases: index every entry already in the projection.
INSERT INTO `entries_fts` (`entries_fts`) VALUES ('rebuild');
