-- Per-document sequence numbers (issue 19): 1, 2, 3… per document, without gaps, in commit order
-- (assigned under the document's advisory lock). Existing rows are numbered in their log order; the
-- append-only trigger is set aside for that one statement.
ALTER TABLE "doc_updates" ADD COLUMN "doc_seq" bigint;--> statement-breakpoint
ALTER TABLE "doc_updates" DISABLE TRIGGER "doc_updates_no_update";--> statement-breakpoint
UPDATE "doc_updates" AS d SET "doc_seq" = r.n FROM (SELECT "seq", row_number() OVER (PARTITION BY "doc_name" ORDER BY "seq") AS n FROM "doc_updates") AS r WHERE r."seq" = d."seq";--> statement-breakpoint
ALTER TABLE "doc_updates" ENABLE TRIGGER "doc_updates_no_update";--> statement-breakpoint
ALTER TABLE "doc_updates" ALTER COLUMN "doc_seq" SET NOT NULL;--> statement-breakpoint
DROP INDEX "doc_updates_doc_seq_idx";--> statement-breakpoint
CREATE UNIQUE INDEX "doc_updates_doc_name_doc_seq_uq" ON "doc_updates" USING btree ("doc_name","doc_seq");
