DROP INDEX "events_camp_user";--> statement-breakpoint
CREATE INDEX "events_camp_user" ON "events" USING btree ("camp_id","userid","happened_at","type","dedupe_key");