ALTER TABLE `outbox` ADD `claimed_by` text;--> statement-breakpoint
CREATE INDEX `outbox_recipient` ON `outbox` (`to`,`purpose`,`status`);