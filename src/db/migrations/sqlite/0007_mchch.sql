CREATE TABLE `mchch_subscriptions` (
	`office_id` text DEFAULT 'default' NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`after_round` text,
	`notified_round` text,
	`notified_at` integer,
	PRIMARY KEY(`office_id`, `user_id`)
);
--> statement-breakpoint
CREATE INDEX `mchch_subscriptions_waiting` ON `mchch_subscriptions` (`office_id`,`notified_round`);--> statement-breakpoint
ALTER TABLE `case_history` ADD `on_date` text;