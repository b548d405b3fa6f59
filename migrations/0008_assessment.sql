CREATE TABLE "assessment_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"assessment_id" uuid NOT NULL,
	"dimension_code" text NOT NULL,
	"title" text NOT NULL,
	"owner_id" uuid NOT NULL,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assessment_actions_status" CHECK ("assessment_actions"."status" in ('planned', 'in_progress', 'done', 'dropped'))
);
--> statement-breakpoint
CREATE TABLE "assessment_answers" (
	"participant_id" uuid NOT NULL,
	"question_code" text NOT NULL,
	"level" integer,
	"comment" text DEFAULT '' NOT NULL,
	"evidence_url" text DEFAULT '' NOT NULL,
	CONSTRAINT "assessment_answers_participant_id_question_code_pk" PRIMARY KEY("participant_id","question_code"),
	CONSTRAINT "assessment_answers_level" CHECK ("assessment_answers"."level" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "assessment_consensus" (
	"assessment_id" uuid NOT NULL,
	"question_code" text NOT NULL,
	"level" integer,
	"remark" text DEFAULT '' NOT NULL,
	CONSTRAINT "assessment_consensus_assessment_id_question_code_pk" PRIMARY KEY("assessment_id","question_code"),
	CONSTRAINT "assessment_consensus_level" CHECK ("assessment_consensus"."level" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "assessment_dimensions" (
	"assessment_id" uuid NOT NULL,
	"dimension_code" text NOT NULL,
	"complete" boolean DEFAULT false NOT NULL,
	"remark" text DEFAULT '' NOT NULL,
	"score" double precision,
	CONSTRAINT "assessment_dimensions_assessment_id_dimension_code_pk" PRIMARY KEY("assessment_id","dimension_code")
);
--> statement-breakpoint
CREATE TABLE "assessment_models" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"version" integer NOT NULL,
	"source" text NOT NULL,
	"definition" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assessment_participants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"assessment_id" uuid NOT NULL,
	"user_id" uuid,
	"token_hash" text,
	"token_expires_at" timestamp with time zone,
	"status" text DEFAULT 'invited' NOT NULL,
	"submitted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assessment_participants_status" CHECK ("assessment_participants"."status" in ('invited', 'draft', 'submitted')),
	CONSTRAINT "assessment_participants_who" CHECK (("assessment_participants"."user_id" is null) <> ("assessment_participants"."token_hash" is null))
);
--> statement-breakpoint
CREATE TABLE "assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"entity_id" uuid NOT NULL,
	"model_id" uuid NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"started_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"overall_score" double precision,
	CONSTRAINT "assessments_status" CHECK ("assessments"."status" in ('open', 'closed'))
);
--> statement-breakpoint
ALTER TABLE "assessment_actions" ADD CONSTRAINT "assessment_actions_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."assessments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_actions" ADD CONSTRAINT "assessment_actions_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_actions" ADD CONSTRAINT "assessment_actions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_answers" ADD CONSTRAINT "assessment_answers_participant_id_assessment_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."assessment_participants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_consensus" ADD CONSTRAINT "assessment_consensus_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."assessments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_dimensions" ADD CONSTRAINT "assessment_dimensions_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."assessments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_models" ADD CONSTRAINT "assessment_models_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_participants" ADD CONSTRAINT "assessment_participants_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."assessments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_participants" ADD CONSTRAINT "assessment_participants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_model_id_assessment_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."assessment_models"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_started_by_users_id_fk" FOREIGN KEY ("started_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assessment_actions_assessment_idx" ON "assessment_actions" USING btree ("assessment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "assessment_models_code_version_idx" ON "assessment_models" USING btree ("code","version");--> statement-breakpoint
CREATE UNIQUE INDEX "assessment_participants_user_idx" ON "assessment_participants" USING btree ("assessment_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "assessment_participants_token_idx" ON "assessment_participants" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "assessments_entity_idx" ON "assessments" USING btree ("entity_id","created_at");--> statement-breakpoint
CREATE INDEX "assessments_model_entity_closed_idx" ON "assessments" USING btree ("model_id","entity_id","closed_at");