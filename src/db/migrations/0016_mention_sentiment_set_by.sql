ALTER TABLE "mentions" ADD COLUMN "sentiment_set_by" uuid;--> statement-breakpoint
ALTER TABLE "mentions" ADD COLUMN "sentiment_set_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "mentions" ADD CONSTRAINT "mentions_sentiment_set_by_users_id_fk" FOREIGN KEY ("sentiment_set_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;