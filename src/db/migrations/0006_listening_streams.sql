CREATE TABLE "listening_streams" (
	"key" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"cursor" text,
	"recent" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"delivered" bigint DEFAULT 0 NOT NULL,
	"last_event_at" timestamp with time zone,
	"error" text,
	"error_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
