DROP TABLE IF EXISTS "arena_runs";
--> statement-breakpoint
DROP TABLE IF EXISTS "arena_workload_features";
--> statement-breakpoint
DROP TABLE IF EXISTS "arena_workloads";
--> statement-breakpoint
DROP TABLE IF EXISTS "arena_state";
