CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`office_id` text DEFAULT 'default' NOT NULL,
	`at` integer NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`target` text NOT NULL,
	`detail` text
);
--> statement-breakpoint
CREATE INDEX `audit_log_at` ON `audit_log` (`office_id`,`at`);--> statement-breakpoint
CREATE TABLE `handoff_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`office_id` text DEFAULT 'default' NOT NULL,
	`handoff_id` integer NOT NULL,
	`at` integer NOT NULL,
	`author` text NOT NULL,
	`staff_user_id` text,
	`text` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `handoff_messages_handoff` ON `handoff_messages` (`office_id`,`handoff_id`,`at`);--> statement-breakpoint
CREATE TABLE `handoffs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`office_id` text DEFAULT 'default' NOT NULL,
	`user_id` text NOT NULL,
	`opened_at` integer NOT NULL,
	`closed_at` integer,
	`closed_by` text,
	`last_message_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `handoffs_user` ON `handoffs` (`office_id`,`user_id`,`closed_at`);--> statement-breakpoint
CREATE INDEX `handoffs_open` ON `handoffs` (`office_id`,`closed_at`,`last_message_at`);--> statement-breakpoint
CREATE TABLE `rich_menu_links` (
	`office_id` text DEFAULT 'default' NOT NULL,
	`user_id` text NOT NULL,
	`menu` text NOT NULL,
	`linked_at` integer NOT NULL,
	PRIMARY KEY(`office_id`, `user_id`)
);
--> statement-breakpoint
CREATE TABLE `staff_invitations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`office_id` text DEFAULT 'default' NOT NULL,
	`code_hash` text NOT NULL,
	`role` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_by` text,
	`used_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_invitations_code` ON `staff_invitations` (`office_id`,`code_hash`);--> statement-breakpoint
CREATE TABLE `staff_sessions` (
	`office_id` text DEFAULT 'default' NOT NULL,
	`id_hash` text NOT NULL,
	`user_id` text NOT NULL,
	`csrf_token` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	PRIMARY KEY(`office_id`, `id_hash`)
);
--> statement-breakpoint
CREATE INDEX `staff_sessions_user` ON `staff_sessions` (`office_id`,`user_id`);--> statement-breakpoint
CREATE TABLE `staff_sign_in_links` (
	`office_id` text DEFAULT 'default' NOT NULL,
	`token_hash` text NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	PRIMARY KEY(`office_id`, `token_hash`)
);
--> statement-breakpoint
CREATE INDEX `staff_sign_in_links_user` ON `staff_sign_in_links` (`office_id`,`user_id`);--> statement-breakpoint
CREATE TABLE `throttles` (
	`office_id` text DEFAULT 'default' NOT NULL,
	`key` text NOT NULL,
	`window_start` integer NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`office_id`, `key`)
);
--> statement-breakpoint
ALTER TABLE `bookings` ADD `attendance` text;--> statement-breakpoint
ALTER TABLE `bookings` ADD `attendance_by` text;--> statement-breakpoint
ALTER TABLE `bookings` ADD `attendance_at` integer;--> statement-breakpoint
ALTER TABLE `staff` ADD `role` text DEFAULT 'officer' NOT NULL;