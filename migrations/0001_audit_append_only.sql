-- The audit trail is append-only: the database itself refuses to change or delete a row.
-- (A superuser can still disable the trigger; the hash chain then reveals the change.)
CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
-- Entities form a tree.
ALTER TABLE entities ADD CONSTRAINT entities_parent_fk FOREIGN KEY (parent_id) REFERENCES entities(id) ON DELETE RESTRICT;
--> statement-breakpoint
-- The default list of case-handler functions; administrators can extend it.
INSERT INTO handler_functions (code, labels, sort_order) VALUES
  ('confidential_counsellor', '{"nl":"Vertrouwenspersoon","fr":"Personne de confiance","en":"Confidential counsellor","de":"Vertrauensperson"}', 1),
  ('psychosocial_prevention_advisor', '{"nl":"Preventieadviseur psychosociale aspecten","fr":"Conseiller en prévention aspects psychosociaux","en":"Psychosocial prevention advisor","de":"Präventionsberater für psychosoziale Aspekte"}', 2),
  ('reintegration_officer', '{"nl":"Re-integratieambtenaar","fr":"Agent de réintégration","en":"Reintegration officer","de":"Wiedereingliederungsbeauftragter"}', 3),
  ('coordinator_staff', '{"nl":"Medewerker coördinator integriteitszorg","fr":"Collaborateur du coordinateur intégrité","en":"Integrity coordinator''s staff","de":"Mitarbeiter der Integritätskoordination"}', 4),
  ('auditor', '{"nl":"Auditor","fr":"Auditeur","en":"Auditor","de":"Prüfer"}', 5);
