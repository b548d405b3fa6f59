CREATE TABLE "case_files" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"message_id" uuid,
	"name" "bytea" NOT NULL,
	"media_type" "bytea" NOT NULL,
	"size" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_key_seals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"user_id" uuid,
	"sealed_key" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"position" bigserial NOT NULL,
	"case_id" uuid NOT NULL,
	"author" text NOT NULL,
	"author_user_id" uuid,
	"sent_on" date NOT NULL,
	"body" "bytea" NOT NULL,
	CONSTRAINT "case_messages_author" CHECK ("case_messages"."author" in ('reporter', 'handler'))
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY NOT NULL,
	"reference" text NOT NULL,
	"kind" text NOT NULL,
	"channel" text DEFAULT 'web' NOT NULL,
	"domain" text NOT NULL,
	"theme" text NOT NULL,
	"entity_id" uuid,
	"requester_role" text NOT NULL,
	"identity_choice" text NOT NULL,
	"wants_meeting" boolean DEFAULT false NOT NULL,
	"contact_preference" text DEFAULT 'site_only' NOT NULL,
	"status" text DEFAULT 'received' NOT NULL,
	"received_on" date NOT NULL,
	"acknowledgement_due_on" date NOT NULL,
	"feedback_due_on" date NOT NULL,
	"receipt_lookup_hash" text,
	"content" "bytea" NOT NULL,
	CONSTRAINT "cases_kind" CHECK ("cases"."kind" in ('question', 'report')),
	CONSTRAINT "cases_identity" CHECK ("cases"."identity_choice" in ('anonymous', 'confidential', 'named')),
	CONSTRAINT "cases_contact" CHECK ("cases"."contact_preference" in ('site_only', 'email', 'phone'))
);
--> statement-breakpoint
CREATE TABLE "draft_files" (
	"id" uuid PRIMARY KEY NOT NULL,
	"draft_id" uuid NOT NULL,
	"name" "bytea" NOT NULL,
	"media_type" "bytea" NOT NULL,
	"size" integer NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "file_chunks" (
	"file_id" uuid NOT NULL,
	"index" integer NOT NULL,
	"bytes" "bytea" NOT NULL,
	CONSTRAINT "file_chunks_file_id_index_pk" PRIMARY KEY("file_id","index")
);
--> statement-breakpoint
CREATE TABLE "receipt_sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"wrapped_data_key" "bytea" NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "routing_rule_handlers" (
	"rule_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "routing_rule_handlers_rule_id_user_id_pk" PRIMARY KEY("rule_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "routing_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"theme" text,
	"entity_id" uuid
);
--> statement-breakpoint
CREATE TABLE "unlocked_keys" (
	"session_token_hash" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"wrapped_private_key" "bytea" NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "used_form_tokens" (
	"nonce_hash" text PRIMARY KEY NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "case_files" ADD CONSTRAINT "case_files_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_files" ADD CONSTRAINT "case_files_message_id_case_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."case_messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_key_seals" ADD CONSTRAINT "case_key_seals_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_key_seals" ADD CONSTRAINT "case_key_seals_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_messages" ADD CONSTRAINT "case_messages_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_messages" ADD CONSTRAINT "case_messages_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "receipt_sessions" ADD CONSTRAINT "receipt_sessions_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routing_rule_handlers" ADD CONSTRAINT "routing_rule_handlers_rule_id_routing_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."routing_rules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routing_rule_handlers" ADD CONSTRAINT "routing_rule_handlers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routing_rules" ADD CONSTRAINT "routing_rules_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unlocked_keys" ADD CONSTRAINT "unlocked_keys_session_token_hash_sessions_token_hash_fk" FOREIGN KEY ("session_token_hash") REFERENCES "public"."sessions"("token_hash") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unlocked_keys" ADD CONSTRAINT "unlocked_keys_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_files_case_idx" ON "case_files" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "case_key_seals_user_idx" ON "case_key_seals" USING btree ("case_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "case_key_seals_reporter_idx" ON "case_key_seals" USING btree ("case_id") WHERE "case_key_seals"."user_id" is null;--> statement-breakpoint
CREATE INDEX "case_key_seals_by_user_idx" ON "case_key_seals" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "case_messages_case_idx" ON "case_messages" USING btree ("case_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_reference_idx" ON "cases" USING btree ("reference");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_receipt_idx" ON "cases" USING btree ("receipt_lookup_hash");--> statement-breakpoint
CREATE INDEX "cases_entity_idx" ON "cases" USING btree ("entity_id");--> statement-breakpoint
CREATE INDEX "draft_files_draft_idx" ON "draft_files" USING btree ("draft_id");--> statement-breakpoint
CREATE INDEX "draft_files_expires_idx" ON "draft_files" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "routing_rules_match_idx" ON "routing_rules" USING btree (coalesce("theme", ''),coalesce("entity_id"::text, ''));