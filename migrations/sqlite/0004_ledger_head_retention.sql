CREATE TABLE `ledger_head` (
	`id` integer PRIMARY KEY NOT NULL,
	`last_id` integer NOT NULL,
	`last_hash` text NOT NULL,
	`count` integer NOT NULL,
	`mac` text,
	`updated_at` integer NOT NULL,
	CONSTRAINT "ledger_head_one_row" CHECK("ledger_head"."id" = 1)
);
--> statement-breakpoint
ALTER TABLE `schedule_runs` ADD `failures` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `schedule_runs` ADD `failed_at` integer;--> statement-breakpoint
CREATE INDEX `outbox_prunable` ON `outbox` (`sent_at`) WHERE "outbox"."sent_at" IS NOT NULL AND "outbox"."payload" <> '';--> statement-breakpoint
CREATE INDEX `processed_messages_at` ON `processed_messages` (`processed_at`);--> statement-breakpoint
-- The head of an existing ledger: its newest event, and how many there are. Unsigned until serve starts with AUDIT_SECRET.
INSERT INTO `ledger_head` (`id`, `last_id`, `last_hash`, `count`, `mac`, `updated_at`)
SELECT 1, coalesce(max(`id`), 0),
  coalesce((SELECT `hash` FROM `events` ORDER BY `id` DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000'),
  count(*), NULL, CAST(strftime('%s', 'now') AS integer) * 1000
FROM `events`;--> statement-breakpoint
-- Slots whose work threw were marked done with their error; open them again so they are retried.
UPDATE `schedule_runs` SET `failures` = 1, `failed_at` = `finished_at`, `finished_at` = NULL WHERE `error` IS NOT NULL;

