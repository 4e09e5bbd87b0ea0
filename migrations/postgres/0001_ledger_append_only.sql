-- The ledger is append-only: UPDATE, DELETE and TRUNCATE of events are refused (audit verify checks these exist).
CREATE FUNCTION events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'events are append-only';
END
$$;
--> statement-breakpoint
CREATE TRIGGER events_no_update BEFORE UPDATE ON events FOR EACH ROW EXECUTE FUNCTION events_append_only();
--> statement-breakpoint
CREATE TRIGGER events_no_delete BEFORE DELETE ON events FOR EACH ROW EXECUTE FUNCTION events_append_only();
--> statement-breakpoint
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events FOR EACH STATEMENT EXECUTE FUNCTION events_append_only();
--> statement-breakpoint
-- The chain's head row exists from the start, so every append can lock it.
INSERT INTO ledger_head (id, last_id, last_hash, count, mac, updated_at)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000', 0, NULL, 0);
