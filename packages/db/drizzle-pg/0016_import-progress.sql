-- An import's last progress and its writer; see the SQLite migration 0020. An import cut short before this
-- release: last progress when it began, no writer (whoever finishes it takes it over first).
ALTER TABLE "pending_imports" ADD COLUMN "touched_at" text;--> statement-breakpoint
ALTER TABLE "pending_imports" ADD COLUMN "writer" text NOT NULL DEFAULT '';--> statement-breakpoint
UPDATE "pending_imports" SET "touched_at" = "created_at";--> statement-breakpoint
ALTER TABLE "pending_imports" ALTER COLUMN "touched_at" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "pending_imports" ALTER COLUMN "writer" DROP DEFAULT;
