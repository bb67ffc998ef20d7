DROP TABLE IF EXISTS "event_receipts";
--> statement-breakpoint
DROP TABLE IF EXISTS "outbox_events";
