CREATE INDEX `conversations_abandoned` ON `conversations` (`updated_at`) WHERE flow_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX `inbox_processed` ON `inbox` (`status`,`received_at`);--> statement-breakpoint
CREATE INDEX `outbox_sent_content` ON `outbox` (`status`,`created_at`) WHERE messages <> '[]';