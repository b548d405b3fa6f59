-- Per-address rate limits shared by every app process. Unlogged and outside `public` (so outside backups):
-- the rows are worth nothing after their window, and no copy of them should outlive it.
CREATE SCHEMA IF NOT EXISTS "rate_limits";
--> statement-breakpoint
CREATE UNLOGGED TABLE "rate_limits"."window_salts" (
	"window_ms" integer NOT NULL,
	"window_index" bigint NOT NULL,
	"salt" text NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	CONSTRAINT "window_salts_window_ms_window_index_pk" PRIMARY KEY("window_ms","window_index")
);
--> statement-breakpoint
CREATE INDEX "window_salts_ends_idx" ON "rate_limits"."window_salts" USING btree ("ends_at");--> statement-breakpoint
CREATE UNLOGGED TABLE "rate_limits"."counters" (
	"scope" text NOT NULL,
	"client_hash" text NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"hits" integer NOT NULL,
	CONSTRAINT "counters_scope_client_hash_pk" PRIMARY KEY("scope","client_hash")
);
--> statement-breakpoint
CREATE INDEX "counters_ends_idx" ON "rate_limits"."counters" USING btree ("ends_at");
