DROP TABLE IF EXISTS "archive_previews";
--> statement-breakpoint
DROP TABLE IF EXISTS "archive_batch_items";
--> statement-breakpoint
DROP TABLE IF EXISTS "archive_batches";
--> statement-breakpoint
DROP TABLE IF EXISTS "archive_qa";
--> statement-breakpoint
DROP TABLE IF EXISTS "archive_provenance";
--> statement-breakpoint
DROP TABLE IF EXISTS "archive_footprint_cells";
--> statement-breakpoint
DROP TABLE IF EXISTS "archive_header_cards";
--> statement-breakpoint
DROP TABLE IF EXISTS "archive_images";
