CREATE TABLE `case_counters` (
	`office_id` text DEFAULT 'default' NOT NULL,
	`kind` text NOT NULL,
	`year` integer NOT NULL,
	`last_number` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `case_counters_key` ON `case_counters` (`office_id`,`kind`,`year`);--> statement-breakpoint
CREATE TABLE `case_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`office_id` text DEFAULT 'default' NOT NULL,
	`case_id` integer NOT NULL,
	`at` integer NOT NULL,
	`actor_kind` text NOT NULL,
	`actor_id` text NOT NULL,
	`from_status` text,
	`to_status` text NOT NULL,
	`version` integer NOT NULL,
	`note` text,
	`internal` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE INDEX `case_history_case` ON `case_history` (`office_id`,`case_id`,`at`);--> statement-breakpoint
CREATE TABLE `cases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`office_id` text DEFAULT 'default' NOT NULL,
	`kind` text NOT NULL,
	`reference` text,
	`applicant_user_id` text NOT NULL,
	`status` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`data` text DEFAULT '{}' NOT NULL,
	`reopened` text DEFAULT '[]' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`submitted_at` integer
);
--> statement-breakpoint
CREATE INDEX `cases_queue` ON `cases` (`office_id`,`kind`,`status`,`updated_at`);--> statement-breakpoint
CREATE INDEX `cases_applicant` ON `cases` (`office_id`,`applicant_user_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `cases_reference` ON `cases` (`office_id`,`reference`) WHERE reference IS NOT NULL;