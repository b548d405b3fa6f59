CREATE TABLE "statistics_month_entity" (
	"month" date NOT NULL,
	"kind" text NOT NULL,
	"domain" text NOT NULL,
	"entity_id" uuid,
	"n" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "statistics_month_milestones" (
	"month" date NOT NULL,
	"domain" text NOT NULL,
	"ack_days" integer,
	"fb_days" integer,
	"fb_within" boolean,
	"n" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "statistics_month_open" (
	"month" date NOT NULL,
	"kind" text NOT NULL,
	"domain" text NOT NULL,
	"closed_month" date,
	"n" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "statistics_month_what" (
	"month" date NOT NULL,
	"kind" text NOT NULL,
	"domain" text NOT NULL,
	"theme" text NOT NULL,
	"channel" text NOT NULL,
	"n" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "statistics_month_who" (
	"month" date NOT NULL,
	"kind" text NOT NULL,
	"domain" text NOT NULL,
	"requester_role" text NOT NULL,
	"identity_choice" text NOT NULL,
	"outcome" text NOT NULL,
	"measures" text[] NOT NULL,
	"n" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "statistics_month_entity_idx" ON "statistics_month_entity" USING btree ("month");--> statement-breakpoint
CREATE INDEX "statistics_month_milestones_idx" ON "statistics_month_milestones" USING btree ("month");--> statement-breakpoint
CREATE INDEX "statistics_month_open_idx" ON "statistics_month_open" USING btree ("month");--> statement-breakpoint
CREATE INDEX "statistics_month_what_idx" ON "statistics_month_what" USING btree ("month");--> statement-breakpoint
CREATE INDEX "statistics_month_who_idx" ON "statistics_month_who" USING btree ("month");--> statement-breakpoint
-- The statement that adds rows of the statistical record to the monthly sums: `changes` is a query giving
-- case_statistics rows with a column `change` (+1 for a row that came, −1 for one that went). One row
-- of changes per key and table, none where they cancel out (an update that moves nothing).
CREATE FUNCTION statistics_months_statement(changes text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT format($q$
    WITH c AS MATERIALIZED (
      SELECT date_trunc('month', r.received_on)::date AS month, r.kind, r.domain, r.theme, r.channel, r.entity_id, r.requester_role,
        r.identity_choice, coalesce(r.outcome, 'none') AS outcome, r.measures, r.acknowledged_on - r.received_on AS ack_days,
        r.feedback_on - r.received_on AS fb_days,
        r.feedback_on <= (least(coalesce(r.acknowledged_on, r.received_on + 7), r.received_on + 7) + interval '3 months')::date AS fb_within,
        date_trunc('month', r.closed_on)::date AS closed_month, r.change
      FROM (%s) r),
    what AS (INSERT INTO statistics_month_what (month, kind, domain, theme, channel, n)
      SELECT month, kind, domain, theme, channel, sum(change) FROM c GROUP BY 1, 2, 3, 4, 5 HAVING sum(change) <> 0),
    entity AS (INSERT INTO statistics_month_entity (month, kind, domain, entity_id, n)
      SELECT month, kind, domain, entity_id, sum(change) FROM c GROUP BY 1, 2, 3, 4 HAVING sum(change) <> 0),
    who AS (INSERT INTO statistics_month_who (month, kind, domain, requester_role, identity_choice, outcome, measures, n)
      SELECT month, kind, domain, requester_role, identity_choice, outcome, measures, sum(change) FROM c GROUP BY 1, 2, 3, 4, 5, 6, 7 HAVING sum(change) <> 0),
    milestones AS (INSERT INTO statistics_month_milestones (month, domain, ack_days, fb_days, fb_within, n)
      SELECT month, domain, ack_days, fb_days, fb_within, sum(change) FROM c WHERE kind = 'report' GROUP BY 1, 2, 3, 4, 5 HAVING sum(change) <> 0)
    INSERT INTO statistics_month_open (month, kind, domain, closed_month, n)
      SELECT month, kind, domain, closed_month, sum(change) FROM c GROUP BY 1, 2, 3, 4 HAVING sum(change) <> 0
  $q$, changes);
$$;
--> statement-breakpoint
-- The monthly sums follow every change of the statistical record, whoever makes it (a case's trigger, a
-- deleted entity's foreign key, a data generator). A restore carries the sums as they were.
-- Transition tables are seen only by the trigger function itself, hence the EXECUTE here.
CREATE FUNCTION statistics_months_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('bureau.restoring', true) = 'on' THEN RETURN NULL; END IF;
  EXECUTE statistics_months_statement(CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT *, 1 AS change FROM new_rows'
    WHEN 'DELETE' THEN 'SELECT *, -1 AS change FROM old_rows'
    ELSE 'SELECT *, 1 AS change FROM new_rows UNION ALL SELECT *, -1 FROM old_rows' END);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER case_statistics_months_insert AFTER INSERT ON case_statistics REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION statistics_months_follow();
--> statement-breakpoint
CREATE TRIGGER case_statistics_months_update AFTER UPDATE ON case_statistics REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION statistics_months_follow();
--> statement-breakpoint
CREATE TRIGGER case_statistics_months_delete AFTER DELETE ON case_statistics REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION statistics_months_follow();
--> statement-breakpoint
-- Folds the rows of changes into one row per key, in one statement, as case_tallies_compact() does: rows
-- added meanwhile by other transactions are not seen by the deletes and stay. Returns the rows kept.
CREATE FUNCTION statistics_months_compact() RETURNS integer LANGUAGE sql AS $$
  WITH what_gone AS (DELETE FROM statistics_month_what RETURNING *),
  what_kept AS (INSERT INTO statistics_month_what (month, kind, domain, theme, channel, n)
    SELECT month, kind, domain, theme, channel, sum(n) FROM what_gone GROUP BY 1, 2, 3, 4, 5 HAVING sum(n) <> 0 RETURNING 1),
  entity_gone AS (DELETE FROM statistics_month_entity RETURNING *),
  entity_kept AS (INSERT INTO statistics_month_entity (month, kind, domain, entity_id, n)
    SELECT month, kind, domain, entity_id, sum(n) FROM entity_gone GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0 RETURNING 1),
  who_gone AS (DELETE FROM statistics_month_who RETURNING *),
  who_kept AS (INSERT INTO statistics_month_who (month, kind, domain, requester_role, identity_choice, outcome, measures, n)
    SELECT month, kind, domain, requester_role, identity_choice, outcome, measures, sum(n) FROM who_gone GROUP BY 1, 2, 3, 4, 5, 6, 7 HAVING sum(n) <> 0 RETURNING 1),
  milestones_gone AS (DELETE FROM statistics_month_milestones RETURNING *),
  milestones_kept AS (INSERT INTO statistics_month_milestones (month, domain, ack_days, fb_days, fb_within, n)
    SELECT month, domain, ack_days, fb_days, fb_within, sum(n) FROM milestones_gone GROUP BY 1, 2, 3, 4, 5 HAVING sum(n) <> 0 RETURNING 1),
  open_gone AS (DELETE FROM statistics_month_open RETURNING *),
  open_kept AS (INSERT INTO statistics_month_open (month, kind, domain, closed_month, n)
    SELECT month, kind, domain, closed_month, sum(n) FROM open_gone GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0 RETURNING 1)
  SELECT ((SELECT count(*) FROM what_kept) + (SELECT count(*) FROM entity_kept) + (SELECT count(*) FROM who_kept)
    + (SELECT count(*) FROM milestones_kept) + (SELECT count(*) FROM open_kept))::int;
$$;
--> statement-breakpoint
-- The statistical record follows the cases once per statement instead of once per row: a batch of cases
-- (the data generator, a reassignment) writes its records, and so the monthly sums, in one go. An update
-- writes only the records whose copied columns changed (a new key holder or a version bump changes none).
DROP TRIGGER cases_statistics_follow ON "cases";
--> statement-breakpoint
CREATE OR REPLACE FUNCTION case_statistics_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format($q$
    INSERT INTO case_statistics (case_id, kind, procedure, domain, theme, entity_id, channel, requester_role, identity_choice,
      status, received_on, acknowledged_on, feedback_on, closed_on, outcome, measures)
    SELECT n.id, n.kind, n.procedure, n.domain, n.theme, n.entity_id, n.channel, n.requester_role, n.identity_choice, n.status,
      n.received_on, (n.milestones->>'acknowledged')::date, (n.milestones->>'feedback_given')::date, n.closed_on, n.outcome, n.measures
    FROM new_rows n %s
    ON CONFLICT (case_id) DO UPDATE SET kind = EXCLUDED.kind, procedure = EXCLUDED.procedure, domain = EXCLUDED.domain,
      theme = EXCLUDED.theme, entity_id = EXCLUDED.entity_id, channel = EXCLUDED.channel, requester_role = EXCLUDED.requester_role,
      identity_choice = EXCLUDED.identity_choice, status = EXCLUDED.status, received_on = EXCLUDED.received_on,
      acknowledged_on = EXCLUDED.acknowledged_on, feedback_on = EXCLUDED.feedback_on, closed_on = EXCLUDED.closed_on,
      outcome = EXCLUDED.outcome, measures = EXCLUDED.measures
  $q$, CASE WHEN TG_OP = 'UPDATE' THEN $w$JOIN old_rows o ON o.id = n.id
    WHERE (n.kind, n.procedure, n.domain, n.theme, n.entity_id, n.channel, n.requester_role, n.identity_choice, n.status, n.received_on,
        n.milestones->>'acknowledged', n.milestones->>'feedback_given', n.closed_on, n.outcome, n.measures)
      IS DISTINCT FROM (o.kind, o.procedure, o.domain, o.theme, o.entity_id, o.channel, o.requester_role, o.identity_choice, o.status, o.received_on,
        o.milestones->>'acknowledged', o.milestones->>'feedback_given', o.closed_on, o.outcome, o.measures)$w$ ELSE '' END);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER cases_statistics_insert AFTER INSERT ON "cases" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION case_statistics_follow();
--> statement-breakpoint
CREATE TRIGGER cases_statistics_update AFTER UPDATE ON "cases" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION case_statistics_follow();
--> statement-breakpoint
-- The sums of the records already kept.
DO $$ BEGIN EXECUTE statistics_months_statement('SELECT *, 1 AS change FROM case_statistics'); END $$;
