CREATE TABLE "case_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"position" bigserial NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"actor_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"body" "bytea",
	CONSTRAINT "case_events_kind" CHECK ("case_events"."kind" in ('registered', 'status', 'triage', 'procedure', 'note', 'referral', 'classification', 'task', 'link', 'redaction', 'exclusion', 'reassignment', 'identity', 'record', 'hold'))
);
--> statement-breakpoint
CREATE TABLE "case_exclusions" (
	"case_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"declared_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_exclusions_case_id_user_id_pk" PRIMARY KEY("case_id","user_id"),
	CONSTRAINT "case_exclusions_reason" CHECK ("case_exclusions"."reason" in ('involved', 'conflict_of_interest'))
);
--> statement-breakpoint
CREATE TABLE "case_identity_seals" (
	"case_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"sealed_key" "bytea" NOT NULL,
	CONSTRAINT "case_identity_seals_case_id_user_id_pk" PRIMARY KEY("case_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "case_links" (
	"case_id" uuid NOT NULL,
	"linked_case_id" uuid NOT NULL,
	CONSTRAINT "case_links_case_id_linked_case_id_pk" PRIMARY KEY("case_id","linked_case_id"),
	CONSTRAINT "case_links_ordered" CHECK ("case_links"."case_id" < "case_links"."linked_case_id")
);
--> statement-breakpoint
CREATE TABLE "case_pending_seals" (
	"case_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"requested_by" uuid,
	"sees_redacted" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_pending_seals_case_id_user_id_pk" PRIMARY KEY("case_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "case_redactions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"target" text NOT NULL,
	"ranges" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_statistics" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid,
	"kind" text NOT NULL,
	"procedure" text NOT NULL,
	"domain" text NOT NULL,
	"theme" text NOT NULL,
	"entity_id" uuid,
	"channel" text NOT NULL,
	"requester_role" text NOT NULL,
	"identity_choice" text NOT NULL,
	"status" text NOT NULL,
	"received_on" date NOT NULL,
	"acknowledged_on" date,
	"feedback_on" date,
	"closed_on" date,
	"outcome" text,
	"measures" text[] DEFAULT '{}'::text[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"title" "bytea" NOT NULL,
	"assignee_id" uuid,
	"due_on" date,
	"done_on" date,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "identity_reveal_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"for_user_id" uuid NOT NULL,
	"requested_by" uuid,
	"reason" "bytea" NOT NULL,
	"pending_seal" "bytea",
	"status" text DEFAULT 'pending' NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "identity_reveal_requests_status" CHECK ("identity_reveal_requests"."status" in ('pending', 'approved', 'refused'))
);
--> statement-breakpoint
ALTER TABLE "case_key_seals" ADD COLUMN "sees_redacted" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "procedure" text DEFAULT 'integrity' NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "milestones" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "next_due_on" date;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "next_duty" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "priority" text DEFAULT 'normal' NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "triaged_on" date;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "retaliation_risk" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "acknowledgement_waiver" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "outcome" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "measures" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "closed_on" date;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "protection_check_in_on" date;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "record_review" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "identity" "bytea";--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "legal_hold" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "registered_by" uuid;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_exclusions" ADD CONSTRAINT "case_exclusions_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_exclusions" ADD CONSTRAINT "case_exclusions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_exclusions" ADD CONSTRAINT "case_exclusions_declared_by_users_id_fk" FOREIGN KEY ("declared_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_identity_seals" ADD CONSTRAINT "case_identity_seals_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_identity_seals" ADD CONSTRAINT "case_identity_seals_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_links" ADD CONSTRAINT "case_links_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_links" ADD CONSTRAINT "case_links_linked_case_id_cases_id_fk" FOREIGN KEY ("linked_case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_pending_seals" ADD CONSTRAINT "case_pending_seals_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_pending_seals" ADD CONSTRAINT "case_pending_seals_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_pending_seals" ADD CONSTRAINT "case_pending_seals_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_redactions" ADD CONSTRAINT "case_redactions_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_redactions" ADD CONSTRAINT "case_redactions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_statistics" ADD CONSTRAINT "case_statistics_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_statistics" ADD CONSTRAINT "case_statistics_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_tasks" ADD CONSTRAINT "case_tasks_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_tasks" ADD CONSTRAINT "case_tasks_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_tasks" ADD CONSTRAINT "case_tasks_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_reveal_requests" ADD CONSTRAINT "identity_reveal_requests_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_reveal_requests" ADD CONSTRAINT "identity_reveal_requests_for_user_id_users_id_fk" FOREIGN KEY ("for_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_reveal_requests" ADD CONSTRAINT "identity_reveal_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_reveal_requests" ADD CONSTRAINT "identity_reveal_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_events_case_idx" ON "case_events" USING btree ("case_id","position");--> statement-breakpoint
CREATE INDEX "case_pending_seals_user_idx" ON "case_pending_seals" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "case_redactions_target_idx" ON "case_redactions" USING btree ("case_id","target");--> statement-breakpoint
CREATE UNIQUE INDEX "case_statistics_case_idx" ON "case_statistics" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_statistics_received_idx" ON "case_statistics" USING btree ("received_on");--> statement-breakpoint
CREATE INDEX "case_statistics_entity_idx" ON "case_statistics" USING btree ("entity_id","received_on");--> statement-breakpoint
CREATE INDEX "case_tasks_case_idx" ON "case_tasks" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_tasks_assignee_idx" ON "case_tasks" USING btree ("assignee_id","due_on") WHERE "case_tasks"."done_on" is null;--> statement-breakpoint
CREATE INDEX "identity_reveal_requests_case_idx" ON "identity_reveal_requests" USING btree ("case_id");--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_registered_by_users_id_fk" FOREIGN KEY ("registered_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cases_received_idx" ON "cases" USING btree ("received_on","id");--> statement-breakpoint
CREATE INDEX "cases_next_due_idx" ON "cases" USING btree ("next_due_on") WHERE "cases"."next_due_on" is not null;--> statement-breakpoint
CREATE INDEX "cases_status_idx" ON "cases" USING btree ("status","received_on","id");--> statement-breakpoint
CREATE INDEX "cases_procedure_idx" ON "cases" USING btree ("procedure","received_on","id");--> statement-breakpoint
CREATE INDEX "cases_closed_idx" ON "cases" USING btree ("closed_on") WHERE "cases"."closed_on" is not null;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_channel" CHECK ("cases"."channel" in ('web', 'phone', 'email', 'letter', 'in_person'));--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_procedure" CHECK ("cases"."procedure" in ('integrity', 'psychosocial', 'question'));--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_priority" CHECK ("cases"."priority" in ('low', 'normal', 'high', 'urgent'));--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_outcome" CHECK ("cases"."outcome" is null or "cases"."outcome" in ('founded', 'partly_founded', 'unfounded', 'not_investigated', 'answered'));--> statement-breakpoint
-- Cases received before case management follow the procedure their kind and domain point to.
UPDATE "cases" SET
  "procedure" = CASE WHEN "kind" = 'question' THEN 'question' WHEN "domain" = 'wellbeing' THEN 'psychosocial' ELSE 'integrity' END,
  "milestones" = jsonb_build_object('received', "received_on"::text),
  "next_due_on" = CASE WHEN "kind" = 'question' THEN NULL WHEN "domain" = 'wellbeing' THEN "received_on" + 10 ELSE "acknowledgement_due_on" END,
  "next_duty" = CASE WHEN "kind" = 'question' THEN NULL WHEN "domain" = 'wellbeing' THEN 'first_contact' ELSE 'acknowledge' END;
--> statement-breakpoint
-- The anonymous statistical record follows every change of a case, whoever makes it (intake, a
-- command, a data generator): no code path can forget it. Retention deletes the case; the record stays.
CREATE FUNCTION case_statistics_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO case_statistics (case_id, kind, procedure, domain, theme, entity_id, channel, requester_role, identity_choice,
    status, received_on, acknowledged_on, feedback_on, closed_on, outcome, measures)
  VALUES (NEW.id, NEW.kind, NEW.procedure, NEW.domain, NEW.theme, NEW.entity_id, NEW.channel, NEW.requester_role,
    NEW.identity_choice, NEW.status, NEW.received_on, (NEW.milestones->>'acknowledged')::date,
    (NEW.milestones->>'feedback_given')::date, NEW.closed_on, NEW.outcome, NEW.measures)
  ON CONFLICT (case_id) DO UPDATE SET kind = EXCLUDED.kind, procedure = EXCLUDED.procedure, domain = EXCLUDED.domain,
    theme = EXCLUDED.theme, entity_id = EXCLUDED.entity_id, channel = EXCLUDED.channel, requester_role = EXCLUDED.requester_role,
    identity_choice = EXCLUDED.identity_choice, status = EXCLUDED.status, received_on = EXCLUDED.received_on,
    acknowledged_on = EXCLUDED.acknowledged_on, feedback_on = EXCLUDED.feedback_on, closed_on = EXCLUDED.closed_on,
    outcome = EXCLUDED.outcome, measures = EXCLUDED.measures;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER cases_statistics_follow AFTER INSERT OR UPDATE ON "cases"
  FOR EACH ROW EXECUTE FUNCTION case_statistics_follow();
--> statement-breakpoint
INSERT INTO case_statistics (case_id, kind, procedure, domain, theme, entity_id, channel, requester_role, identity_choice, status, received_on)
  SELECT id, kind, procedure, domain, theme, entity_id, channel, requester_role, identity_choice, status, received_on FROM "cases"
  ON CONFLICT (case_id) DO NOTHING;
--> statement-breakpoint
-- Case handling functions that the back office names: the custodian approves revealing a confidential identity.
INSERT INTO handler_functions (code, labels, sort_order) VALUES
  ('identity_custodian', '{"nl":"Bewaarder van vertrouwelijke identiteiten","fr":"Gardien des identités confidentielles","en":"Custodian of confidential identities","de":"Verwahrer vertraulicher Identitäten"}', 6)
  ON CONFLICT (code) DO NOTHING;
