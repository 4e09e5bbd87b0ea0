DROP INDEX "events_camp_type";--> statement-breakpoint
CREATE INDEX "events_camp_type" ON "events" USING btree ("camp_id","type","userid","num","ref","happened_at","actor","id");