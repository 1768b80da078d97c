CREATE TABLE `bookings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`user_id` text NOT NULL,
	`service_id` text NOT NULL,
	`slot_date` text NOT NULL,
	`slot_start` text NOT NULL,
	`starts_at` integer NOT NULL,
	`name` text NOT NULL,
	`phone` text NOT NULL,
	`for_whom` text,
	`status` text DEFAULT 'booked' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`cancelled_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bookings_code_unique` ON `bookings` (`code`);--> statement-breakpoint
CREATE INDEX `bookings_slot` ON `bookings` (`service_id`,`slot_date`,`slot_start`,`status`);--> statement-breakpoint
CREATE INDEX `bookings_user` ON `bookings` (`user_id`,`status`,`starts_at`);--> statement-breakpoint
CREATE TABLE `conversations` (
	`user_id` text PRIMARY KEY NOT NULL,
	`flow_id` text,
	`flow_version` integer,
	`step_id` text,
	`answers` text DEFAULT '{}' NOT NULL,
	`history` text DEFAULT '[]' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`revision` integer DEFAULT 0 NOT NULL,
	`resume_pending` integer DEFAULT false NOT NULL,
	`expires_at` integer,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `eligibility_checks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` text NOT NULL,
	`for_whom` text NOT NULL,
	`as_of` text NOT NULL,
	`rules_version` text NOT NULL,
	`facts` text NOT NULL,
	`outcomes` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `eligibility_user` ON `eligibility_checks` (`user_id`);--> statement-breakpoint
CREATE TABLE `inbox` (
	`event_id` text PRIMARY KEY NOT NULL,
	`chat_key` text NOT NULL,
	`type` text NOT NULL,
	`timestamp` integer NOT NULL,
	`payload` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`error` text,
	`received_at` integer NOT NULL,
	`processed_at` integer
);
--> statement-breakpoint
CREATE INDEX `inbox_pending` ON `inbox` (`status`,`chat_key`,`timestamp`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`to` text NOT NULL,
	`mode` text NOT NULL,
	`reply_token` text,
	`messages` text NOT NULL,
	`retry_key` text NOT NULL,
	`purpose` text NOT NULL,
	`ref` text,
	`dedupe_key` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`due_at` integer NOT NULL,
	`claimed_until` integer,
	`last_error` text,
	`created_at` integer NOT NULL,
	`sent_at` integer
);
--> statement-breakpoint
CREATE INDEX `outbox_due` ON `outbox` (`status`,`due_at`);--> statement-breakpoint
CREATE INDEX `outbox_ref` ON `outbox` (`ref`);--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_dedupe` ON `outbox` (`dedupe_key`) WHERE dedupe_key IS NOT NULL;--> statement-breakpoint
CREATE TABLE `staff` (
	`user_id` text PRIMARY KEY NOT NULL,
	`added_by` text NOT NULL,
	`added_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `users` (
	`user_id` text PRIMARY KEY NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`followed_at` integer,
	`blocked_at` integer,
	`created_at` integer NOT NULL
);
