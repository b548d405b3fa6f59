CREATE TABLE "case_tallies" (
	"procedure" text NOT NULL,
	"status" text NOT NULL,
	"closed_on" date,
	"n" integer NOT NULL
);
--> statement-breakpoint
DROP INDEX "cases_theme_idx";--> statement-breakpoint
DROP INDEX "cases_status_closed_idx";--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "key_holders" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "awaiting_seal" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
CREATE INDEX "case_tallies_closed_idx" ON "case_tallies" USING btree ("closed_on","status");--> statement-breakpoint
-- The statistical record follows the columns it copies only: a new key holder or a version bump changes none of them.
DROP TRIGGER cases_statistics_follow ON "cases";
--> statement-breakpoint
CREATE TRIGGER cases_statistics_follow AFTER INSERT OR UPDATE OF kind, procedure, domain, theme, entity_id, channel, requester_role,
    identity_choice, status, received_on, milestones, closed_on, outcome, measures ON "cases"
  FOR EACH ROW EXECUTE FUNCTION case_statistics_follow();
--> statement-breakpoint
-- Who holds each case's key and who waits for a seal, copied onto the case by the seals' own triggers,
-- whoever writes them (routing, referral, reassignment, exclusion, a user deleted by cascade): no code
-- path can forget it. Arrays are sorted, so an unchanged set writes nothing. A restore carries the copies.
CREATE FUNCTION case_holders_recount(changed uuid[]) RETURNS void LANGUAGE sql AS $$
  UPDATE cases c SET key_holders = h.key_holders, awaiting_seal = h.awaiting_seal
  FROM (
    SELECT id,
      coalesce((SELECT array_agg(s.user_id ORDER BY s.user_id) FROM case_key_seals s WHERE s.case_id = a.id AND s.user_id IS NOT NULL), '{}') AS key_holders,
      coalesce((SELECT array_agg(p.user_id ORDER BY p.user_id) FROM case_pending_seals p WHERE p.case_id = a.id), '{}') AS awaiting_seal
    FROM unnest(changed) AS a(id)
  ) h
  WHERE c.id = h.id AND (c.key_holders IS DISTINCT FROM h.key_holders OR c.awaiting_seal IS DISTINCT FROM h.awaiting_seal);
$$;
--> statement-breakpoint
CREATE FUNCTION case_holders_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('bureau.restoring', true) = 'on' THEN RETURN NULL; END IF;
  IF TG_OP = 'INSERT' THEN
    PERFORM case_holders_recount(ARRAY(SELECT DISTINCT case_id FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM case_holders_recount(ARRAY(SELECT DISTINCT case_id FROM old_rows));
  ELSE
    PERFORM case_holders_recount(ARRAY(SELECT case_id FROM new_rows UNION SELECT case_id FROM old_rows));
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER case_key_seals_holders_insert AFTER INSERT ON case_key_seals REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION case_holders_follow();
--> statement-breakpoint
CREATE TRIGGER case_key_seals_holders_update AFTER UPDATE ON case_key_seals REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION case_holders_follow();
--> statement-breakpoint
CREATE TRIGGER case_key_seals_holders_delete AFTER DELETE ON case_key_seals REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION case_holders_follow();
--> statement-breakpoint
CREATE TRIGGER case_pending_seals_holders_insert AFTER INSERT ON case_pending_seals REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION case_holders_follow();
--> statement-breakpoint
CREATE TRIGGER case_pending_seals_holders_update AFTER UPDATE ON case_pending_seals REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION case_holders_follow();
--> statement-breakpoint
CREATE TRIGGER case_pending_seals_holders_delete AFTER DELETE ON case_pending_seals REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION case_holders_follow();
--> statement-breakpoint
UPDATE cases c SET key_holders = s.holders
  FROM (SELECT case_id, array_agg(user_id ORDER BY user_id) AS holders FROM case_key_seals WHERE user_id IS NOT NULL GROUP BY case_id) s
  WHERE c.id = s.case_id;
--> statement-breakpoint
UPDATE cases c SET awaiting_seal = p.waiting
  FROM (SELECT case_id, array_agg(user_id ORDER BY user_id) AS waiting FROM case_pending_seals GROUP BY case_id) p
  WHERE c.id = p.case_id;
--> statement-breakpoint
-- Cases per procedure, state and closing day, as rows of changes that are only ever added (one per key
-- a statement changed): no row is updated, so concurrent case changes never wait for each other here.
-- The counts are the sums; case_tallies_compact() folds the rows into one per key (a nightly job).
-- A restore carries the rows as they were.
CREATE FUNCTION case_tallies_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('bureau.restoring', true) = 'on' THEN RETURN NULL; END IF;
  IF TG_OP = 'INSERT' THEN
    INSERT INTO case_tallies (procedure, status, closed_on, n) SELECT procedure, status, closed_on, count(*) FROM new_rows GROUP BY 1, 2, 3;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO case_tallies (procedure, status, closed_on, n) SELECT procedure, status, closed_on, -count(*) FROM old_rows GROUP BY 1, 2, 3;
  ELSE
    INSERT INTO case_tallies (procedure, status, closed_on, n)
      SELECT procedure, status, closed_on, sum(change) FROM (
          SELECT procedure, status, closed_on, 1 AS change FROM new_rows
          UNION ALL SELECT procedure, status, closed_on, -1 FROM old_rows) r
        GROUP BY 1, 2, 3 HAVING sum(change) <> 0;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- Folds the rows of changes into one row per key, in one statement: rows added meanwhile by other
-- transactions are not seen by the delete and stay, so no count is lost. Returns the rows kept.
CREATE FUNCTION case_tallies_compact() RETURNS integer LANGUAGE sql AS $$
  WITH gone AS (DELETE FROM case_tallies RETURNING procedure, status, closed_on, n),
  kept AS (
    INSERT INTO case_tallies (procedure, status, closed_on, n)
    SELECT procedure, status, closed_on, sum(n) FROM gone GROUP BY 1, 2, 3 HAVING sum(n) <> 0
    RETURNING 1)
  SELECT count(*)::int FROM kept;
$$;
--> statement-breakpoint
CREATE TRIGGER cases_tallies_insert AFTER INSERT ON cases REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION case_tallies_follow();
--> statement-breakpoint
CREATE TRIGGER cases_tallies_update AFTER UPDATE ON cases REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION case_tallies_follow();
--> statement-breakpoint
CREATE TRIGGER cases_tallies_delete AFTER DELETE ON cases REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION case_tallies_follow();
--> statement-breakpoint
INSERT INTO case_tallies (procedure, status, closed_on, n)
  SELECT procedure, status, closed_on, count(*) FROM cases GROUP BY procedure, status, closed_on;
--> statement-breakpoint
-- The indexes last, so the backfill above does not maintain them row by row.
-- Indexes that carry each case's holders (INCLUDE, which drizzle-kit cannot write), so a handler's need
-- to know is checked in the index alone, without a heap fetch per case passed over: the theme filter of a
-- handler who holds many cases, the counts by state of a handler's own open and recently closed cases,
-- and the open cases only one person can open, newest first (the dashboard's warning: a small index).
CREATE INDEX "cases_theme_holders_idx" ON "cases" USING btree ("theme", "received_on", "id") INCLUDE ("procedure", "key_holders", "awaiting_seal");
--> statement-breakpoint
CREATE INDEX "cases_status_closed_holders_idx" ON "cases" USING btree ("status", "closed_on", "procedure") INCLUDE ("id", "key_holders", "awaiting_seal");
--> statement-breakpoint
CREATE INDEX "cases_open_holders_idx" ON "cases" USING btree ("status", "procedure") INCLUDE ("id", "key_holders", "awaiting_seal") WHERE "closed_on" IS NULL;
--> statement-breakpoint
CREATE INDEX "cases_single_holder_idx" ON "cases" USING btree ("received_on", "id") INCLUDE ("procedure", "key_holders", "awaiting_seal")
  WHERE "closed_on" IS NULL AND cardinality("key_holders") = 1 AND cardinality("awaiting_seal") = 0;
