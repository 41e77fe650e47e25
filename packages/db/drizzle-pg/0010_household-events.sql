CREATE TABLE "household_events" (
	"id" text PRIMARY KEY NOT NULL,
	"household_id" text NOT NULL,
	"agency" text NOT NULL,
	"recorded_by" text NOT NULL,
	"recorded_at" text NOT NULL,
	"chronology_ids" text NOT NULL,
	"skipped" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "entries" ADD COLUMN "household_event_id" text;--> statement-breakpoint
ALTER TABLE "household_events" ADD CONSTRAINT "household_events_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "entries_household_event_idx" ON "entries" USING btree ("household_event_id");