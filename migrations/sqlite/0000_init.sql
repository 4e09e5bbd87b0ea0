CREATE TABLE `camps` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`timezone` text NOT NULL,
	`config` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `certificates` (
	`code` text PRIMARY KEY NOT NULL,
	`publication_id` integer NOT NULL,
	`camp_id` text NOT NULL,
	`award` text NOT NULL,
	`award_name` text NOT NULL,
	`userid` text NOT NULL,
	`name` text NOT NULL,
	`issued_at` integer NOT NULL,
	FOREIGN KEY (`publication_id`) REFERENCES `publications`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `certificates_publication` ON `certificates` (`publication_id`);--> statement-breakpoint
CREATE TABLE `chats` (
	`chat_id` text PRIMARY KEY NOT NULL,
	`camp_id` text NOT NULL,
	`webhook_url` text,
	`bound_by` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`camp_id`) REFERENCES `camps`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`camp_id` text NOT NULL,
	`type` text NOT NULL,
	`userid` text,
	`num` real,
	`text` text,
	`ref` text,
	`actor` text NOT NULL,
	`source` text NOT NULL,
	`happened_at` integer NOT NULL,
	`recorded_at` integer NOT NULL,
	`revokes` integer,
	`note` text,
	`dedupe_key` text,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `events_dedupe` ON `events` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `events_camp_type` ON `events` (`camp_id`,`type`,`userid`);--> statement-breakpoint
CREATE INDEX `events_camp_user` ON `events` (`camp_id`,`userid`,`happened_at`);--> statement-breakpoint
CREATE TABLE `members` (
	`camp_id` text NOT NULL,
	`userid` text NOT NULL,
	`role` text NOT NULL,
	`team` text,
	PRIMARY KEY(`camp_id`, `userid`, `role`),
	FOREIGN KEY (`camp_id`) REFERENCES `camps`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`userid`) REFERENCES `people`(`userid`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `members_user` ON `members` (`userid`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`camp_id` text,
	`kind` text NOT NULL,
	`payload` text NOT NULL,
	`dedupe_key` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`created_at` integer NOT NULL,
	`sent_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_dedupe` ON `outbox` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `outbox_due` ON `outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `pending_submissions` (
	`camp_id` text NOT NULL,
	`userid` text NOT NULL,
	`assignment` text NOT NULL,
	`expires_at` integer NOT NULL,
	PRIMARY KEY(`camp_id`, `userid`)
);
--> statement-breakpoint
CREATE TABLE `people` (
	`userid` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`department` text,
	`joined` text
);
--> statement-breakpoint
CREATE TABLE `processed_messages` (
	`key` text PRIMARY KEY NOT NULL,
	`reply` text,
	`processed_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `publications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`camp_id` text NOT NULL,
	`as_of` integer NOT NULL,
	`published_at` integer NOT NULL,
	`published_by` text NOT NULL,
	`inputs_hash` text NOT NULL,
	`result` text NOT NULL,
	`superseded_by` integer,
	FOREIGN KEY (`camp_id`) REFERENCES `camps`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `publications_camp` ON `publications` (`camp_id`);--> statement-breakpoint
CREATE TABLE `schedule_runs` (
	`camp_id` text NOT NULL,
	`job` text NOT NULL,
	`slot` text NOT NULL,
	`claimed_at` integer NOT NULL,
	`claimed_by` text NOT NULL,
	`finished_at` integer,
	`error` text,
	PRIMARY KEY(`camp_id`, `job`, `slot`)
);
