DROP INDEX "cases_received_idx";--> statement-breakpoint
-- The list's default order (newest first) carrying what a handler's list filters on: a handler who holds
-- many cases and filters by an entity routed mostly to others walks this index alone instead of fetching
-- each passed-over case (measured over 1,000,000 cases: 147 ms → 17 ms). Written here because drizzle-kit
-- cannot write INCLUDE.
CREATE INDEX "cases_received_holders_idx" ON "cases" USING btree ("received_on", "id") INCLUDE ("entity_id", "procedure", "status", "key_holders", "awaiting_seal");
