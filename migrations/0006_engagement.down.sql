DROP TABLE IF EXISTS "engagement_risk_snapshots";
--> statement-breakpoint
DROP TABLE IF EXISTS "engagement_model_versions";
--> statement-breakpoint
DROP TABLE IF EXISTS "engagement_models";
--> statement-breakpoint
DROP TABLE IF EXISTS "engagement_outcomes";
--> statement-breakpoint
DROP TABLE IF EXISTS "engagement_activity";
--> statement-breakpoint
DROP TABLE IF EXISTS "engagement_registrations";
--> statement-breakpoint
DROP TABLE IF EXISTS "engagement_courses";
--> statement-breakpoint
DROP TABLE IF EXISTS "engagement_learners";
