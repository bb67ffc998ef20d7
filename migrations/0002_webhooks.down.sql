DROP TABLE IF EXISTS "webhook_deliveries";
--> statement-breakpoint
DROP TABLE IF EXISTS "webhook_endpoint_events";
--> statement-breakpoint
DROP TABLE IF EXISTS "webhook_endpoints";
