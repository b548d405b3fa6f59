ALTER TABLE "case_files" ADD COLUMN "file_key" "bytea" NOT NULL;--> statement-breakpoint
ALTER TABLE "draft_files" ADD COLUMN "file_key" "bytea" NOT NULL;