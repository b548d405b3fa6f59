CREATE TABLE "case_reminder_claims" (
	"key" text PRIMARY KEY NOT NULL,
	"sent_on" date NOT NULL
);
--> statement-breakpoint
CREATE INDEX "case_reminder_claims_sent_idx" ON "case_reminder_claims" USING btree ("sent_on");--> statement-breakpoint
-- The claims kept in settings until now move here, with the day each was sent.
INSERT INTO "case_reminder_claims" ("key", "sent_on")
  SELECT substr("key", length('cases.reminder:') + 1), ("value"->>'on')::date FROM "settings"
  WHERE "key" LIKE 'cases.reminder:%' AND "value" ? 'on'
  ON CONFLICT ("key") DO NOTHING;
--> statement-breakpoint
DELETE FROM "settings" WHERE "key" LIKE 'cases.reminder:%';
