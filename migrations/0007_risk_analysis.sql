CREATE TABLE "risk_analyses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"entity_id" uuid NOT NULL,
	"title" text NOT NULL,
	"model_code" text NOT NULL,
	"model_version" integer NOT NULL,
	"model" jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"started_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "risk_analyses_status" CHECK ("risk_analyses"."status" in ('draft', 'completed')),
	CONSTRAINT "risk_analyses_completed_at" CHECK (("risk_analyses"."status" = 'completed') = ("risk_analyses"."completed_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "risk_models" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"version" integer NOT NULL,
	"source" text NOT NULL,
	"model" jsonb NOT NULL,
	"imported_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risk_processes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"analysis_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"ratings" jsonb DEFAULT '{"inherent":{},"enhancing":{},"controls":{},"comments":{}}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "risk_analyses" ADD CONSTRAINT "risk_analyses_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_analyses" ADD CONSTRAINT "risk_analyses_started_by_users_id_fk" FOREIGN KEY ("started_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_models" ADD CONSTRAINT "risk_models_imported_by_users_id_fk" FOREIGN KEY ("imported_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_processes" ADD CONSTRAINT "risk_processes_analysis_id_risk_analyses_id_fk" FOREIGN KEY ("analysis_id") REFERENCES "public"."risk_analyses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "risk_analyses_entity_idx" ON "risk_analyses" USING btree ("entity_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "risk_models_code_version_idx" ON "risk_models" USING btree ("code","version");--> statement-breakpoint
CREATE INDEX "risk_processes_analysis_idx" ON "risk_processes" USING btree ("analysis_id","created_at");