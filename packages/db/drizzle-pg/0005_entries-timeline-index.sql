DROP INDEX "entries_chronology_date_idx";--> statement-breakpoint
CREATE INDEX "entries_timeline_idx" ON "entries" USING btree ("chronology_id","date_first","time","recorded_at","id","doc_name");