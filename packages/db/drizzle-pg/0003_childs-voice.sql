ALTER TABLE "entries" ADD COLUMN "childs_voice" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "entries" ADD COLUMN "seen_alone" text DEFAULT '' NOT NULL;