CREATE TABLE "alert_outbox" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"to_address" text NOT NULL,
	"chronology_id" text,
	"delivery" text NOT NULL,
	"line" json NOT NULL,
	"created_at" text NOT NULL,
	"due_at" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" text NOT NULL,
	"sent_at" text,
	"last_error" text
);
--> statement-breakpoint
CREATE TABLE "alert_preferences" (
	"user_id" text PRIMARY KEY NOT NULL,
	"episodes_follow" boolean NOT NULL,
	"episodes_frequency" text NOT NULL,
	"entry_categories" json NOT NULL,
	"entries_frequency" text NOT NULL,
	"actions_follow" boolean NOT NULL,
	"actions_frequency" text NOT NULL,
	"updated_at" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alert_state" (
	"chronology_id" text NOT NULL,
	"user_id" text NOT NULL,
	"subject" text NOT NULL,
	"state" json NOT NULL,
	"updated_at" text NOT NULL,
	CONSTRAINT "alert_state_chronology_id_user_id_subject_pk" PRIMARY KEY("chronology_id","user_id","subject")
);
--> statement-breakpoint
ALTER TABLE "alert_outbox" ADD CONSTRAINT "alert_outbox_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_outbox" ADD CONSTRAINT "alert_outbox_chronology_id_chronologies_id_fk" FOREIGN KEY ("chronology_id") REFERENCES "public"."chronologies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_preferences" ADD CONSTRAINT "alert_preferences_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_state" ADD CONSTRAINT "alert_state_chronology_id_chronologies_id_fk" FOREIGN KEY ("chronology_id") REFERENCES "public"."chronologies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_state" ADD CONSTRAINT "alert_state_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alert_outbox_due_idx" ON "alert_outbox" USING btree ("sent_at","due_at");