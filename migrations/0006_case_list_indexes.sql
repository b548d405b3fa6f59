CREATE INDEX "cases_theme_idx" ON "cases" USING btree ("theme","received_on","id");--> statement-breakpoint
CREATE INDEX "cases_status_closed_idx" ON "cases" USING btree ("status","closed_on","procedure","received_on","id");--> statement-breakpoint
CREATE INDEX "cases_reference_first_idx" ON "cases" USING btree (substr("reference", 4, 4));--> statement-breakpoint
CREATE INDEX "cases_reference_second_idx" ON "cases" USING btree (substr("reference", 9, 4));