DROP TABLE IF EXISTS "engagement_nudges";
--> statement-breakpoint
DROP TABLE IF EXISTS "engagement_experiment_variants";
--> statement-breakpoint
DROP TABLE IF EXISTS "engagement_experiments";
--> statement-breakpoint
DROP TABLE IF EXISTS "engagement_prompts";
--> statement-breakpoint
DROP TABLE IF EXISTS "llm_usage";
