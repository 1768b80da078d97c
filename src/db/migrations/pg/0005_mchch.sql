CREATE TABLE "mchch_subscriptions" (
	"office_id" text DEFAULT 'default' NOT NULL,
	"user_id" text NOT NULL,
	"created_at" bigint NOT NULL,
	"after_round" text,
	"notified_round" text,
	"notified_at" bigint,
	CONSTRAINT "mchch_subscriptions_office_id_user_id_pk" PRIMARY KEY("office_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "case_history" ADD COLUMN "on_date" text;--> statement-breakpoint
CREATE INDEX "mchch_subscriptions_waiting" ON "mchch_subscriptions" USING btree ("office_id","notified_round");