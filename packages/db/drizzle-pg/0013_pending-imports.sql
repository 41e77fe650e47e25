-- Imports being written in slices (issue 17); see the SQLite migration 0019.
CREATE TABLE "pending_imports" (
	"id" text PRIMARY KEY NOT NULL,
	"chronology_id" text NOT NULL,
	"doc_name" text NOT NULL,
	"principal" text NOT NULL,
	"details" text NOT NULL,
	"entries" text NOT NULL,
	"created_at" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "pending_imports_chronology_idx" ON "pending_imports" USING btree ("chronology_id");