-- The hash chain moves out of events into its own append-only table, written when a transaction that appended
-- commits; events keep their content and take their id at insert. Existing links keep their place: seq = id.
ALTER TABLE `ledger_head` RENAME COLUMN "last_id" TO "last_seq";--> statement-breakpoint
CREATE TABLE `ledger_chain` (
	`seq` integer PRIMARY KEY NOT NULL,
	`event_id` integer NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ledger_chain_event` ON `ledger_chain` (`event_id`);--> statement-breakpoint
INSERT INTO `ledger_chain` (`seq`, `event_id`, `prev_hash`, `hash`) SELECT `id`, `id`, `prev_hash`, `hash` FROM `events` ORDER BY `id`;--> statement-breakpoint
ALTER TABLE `events` DROP COLUMN `prev_hash`;--> statement-breakpoint
ALTER TABLE `events` DROP COLUMN `hash`;--> statement-breakpoint
CREATE TRIGGER `ledger_chain_no_update` BEFORE UPDATE ON `ledger_chain`
BEGIN
  SELECT RAISE(ABORT, 'ledger_chain is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `ledger_chain_no_delete` BEFORE DELETE ON `ledger_chain`
BEGIN
  SELECT RAISE(ABORT, 'ledger_chain is append-only');
END;
