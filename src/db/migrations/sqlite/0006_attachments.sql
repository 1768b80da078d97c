CREATE TABLE `attachments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`office_id` text DEFAULT 'default' NOT NULL,
	`message_id` text NOT NULL,
	`user_id` text NOT NULL,
	`sha256` text NOT NULL,
	`mime` text NOT NULL,
	`bytes` integer NOT NULL,
	`file_name` text,
	`image_set_id` text,
	`image_set_index` integer,
	`image_set_total` integer,
	`case_id` integer,
	`slot` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `attachments_message` ON `attachments` (`office_id`,`message_id`);--> statement-breakpoint
CREATE INDEX `attachments_user` ON `attachments` (`office_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `attachments_set` ON `attachments` (`office_id`,`user_id`,`image_set_id`);--> statement-breakpoint
CREATE INDEX `attachments_sha` ON `attachments` (`office_id`,`sha256`);--> statement-breakpoint
ALTER TABLE `inbox` ADD `retry_at` integer;