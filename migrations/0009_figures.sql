CREATE TABLE "figure_commentary" (
	"scope" text NOT NULL,
	"section" text NOT NULL,
	"language" text NOT NULL,
	"body" text NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "figure_commentary_scope_section_language_pk" PRIMARY KEY("scope","section","language")
);
--> statement-breakpoint
CREATE TABLE "figure_publication_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"publication_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"snapshot" jsonb NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by" uuid,
	"reason" text,
	"ended_at" timestamp with time zone,
	"end_reason" text,
	CONSTRAINT "figure_publication_versions_status" CHECK ("figure_publication_versions"."status" in ('published', 'superseded', 'withdrawn'))
);
--> statement-breakpoint
CREATE TABLE "figure_publications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"year" integer NOT NULL,
	"indicators" text[] NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "figure_commentary" ADD CONSTRAINT "figure_commentary_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "figure_publication_versions" ADD CONSTRAINT "figure_publication_versions_publication_id_figure_publications_id_fk" FOREIGN KEY ("publication_id") REFERENCES "public"."figure_publications"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "figure_publication_versions" ADD CONSTRAINT "figure_publication_versions_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "figure_publications" ADD CONSTRAINT "figure_publications_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "figure_publication_versions_idx" ON "figure_publication_versions" USING btree ("publication_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "figure_publications_year_idx" ON "figure_publications" USING btree ("year");--> statement-breakpoint
-- A published version is a snapshot: the database refuses to change its numbers or delete it. Only its
-- status and the date and reason it ended (superseded or withdrawn) may change.
CREATE FUNCTION figure_versions_keep_snapshot() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'published figures are never deleted';
  END IF;
  IF NEW.snapshot IS DISTINCT FROM OLD.snapshot OR NEW.version <> OLD.version OR NEW.publication_id <> OLD.publication_id
     OR NEW.published_at <> OLD.published_at OR NEW.reason IS DISTINCT FROM OLD.reason THEN
    RAISE EXCEPTION 'a published snapshot never changes';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER figure_versions_keep_snapshot BEFORE UPDATE OR DELETE ON figure_publication_versions
  FOR EACH ROW EXECUTE FUNCTION figure_versions_keep_snapshot();
