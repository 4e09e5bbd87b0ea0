CREATE TABLE `created_sources` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`camp_id` text NOT NULL,
	`kind` text NOT NULL,
	`target` text NOT NULL,
	`title` text NOT NULL,
	`starts_at` integer NOT NULL,
	`duration_s` integer NOT NULL,
	`min_minutes` real NOT NULL,
	`requested_by` text NOT NULL,
	`chat_id` text,
	`requested_at` integer NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`wecom_id` text,
	`link` text,
	`error` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`camp_id`) REFERENCES `camps`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `created_sources_camp` ON `created_sources` (`camp_id`,`status`);--> statement-breakpoint
CREATE UNIQUE INDEX `created_sources_wecom_id` ON `created_sources` (`wecom_id`);--> statement-breakpoint
CREATE TABLE `leases` (
	`name` text PRIMARY KEY NOT NULL,
	`holder` text NOT NULL,
	`expires_at` integer NOT NULL
);
