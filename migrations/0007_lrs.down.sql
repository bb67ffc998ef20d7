DROP TABLE IF EXISTS "xapi_statement_refs";
--> statement-breakpoint
DROP TABLE IF EXISTS "xapi_statements";
--> statement-breakpoint
DROP TABLE IF EXISTS "xapi_state_documents";
--> statement-breakpoint
DROP TABLE IF EXISTS "xapi_activity_profiles";
--> statement-breakpoint
DROP TABLE IF EXISTS "xapi_agent_profiles";
--> statement-breakpoint
DROP TABLE IF EXISTS "xapi_activities";
