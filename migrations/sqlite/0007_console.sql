CREATE TABLE `camp_files` (
	`camp_id` text PRIMARY KEY NOT NULL,
	`yaml` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`camp_id`) REFERENCES `camps`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `console_login_states` (
	`state` text PRIMARY KEY NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `console_login_states_expiry` ON `console_login_states` (`expires_at`);--> statement-breakpoint
CREATE TABLE `import_jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`camp_id` text NOT NULL,
	`state` text NOT NULL,
	`processed` integer NOT NULL,
	`total` integer NOT NULL,
	`recorded` integer NOT NULL,
	`duplicates` integer NOT NULL,
	`error` text,
	`lines` text NOT NULL,
	`started_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `import_jobs_camp` ON `import_jobs` (`camp_id`);--> statement-breakpoint
CREATE TABLE `quiz_answers` (
	`camp_id` text NOT NULL,
	`quiz_id` text NOT NULL,
	`userid` text NOT NULL,
	`question_id` text NOT NULL,
	`choices` text NOT NULL,
	`saved_at` integer NOT NULL,
	PRIMARY KEY(`camp_id`, `quiz_id`, `userid`, `question_id`)
);
--> statement-breakpoint
CREATE TABLE `quiz_attempts` (
	`camp_id` text NOT NULL,
	`quiz_id` text NOT NULL,
	`userid` text NOT NULL,
	`started_at` integer NOT NULL,
	`deadline` integer NOT NULL,
	`submitted_at` integer,
	`reason` text,
	`earned` real,
	`score` real,
	`event_id` integer,
	PRIMARY KEY(`camp_id`, `quiz_id`, `userid`)
);
--> statement-breakpoint
CREATE INDEX `quiz_attempts_open` ON `quiz_attempts` (`deadline`) WHERE "quiz_attempts"."submitted_at" IS NULL;--> statement-breakpoint
CREATE TABLE `quizzes` (
	`camp_id` text NOT NULL,
	`id` text NOT NULL,
	`definition` text NOT NULL,
	`uploaded_by` text NOT NULL,
	`uploaded_at` integer NOT NULL,
	PRIMARY KEY(`camp_id`, `id`),
	FOREIGN KEY (`camp_id`) REFERENCES `camps`(`id`) ON UPDATE no action ON DELETE no action
);
