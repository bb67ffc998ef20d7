DROP TABLE IF EXISTS "idempotency_keys";
--> statement-breakpoint
DROP TABLE IF EXISTS "audit_log";
--> statement-breakpoint
DROP TABLE IF EXISTS "login_failures";
--> statement-breakpoint
DROP TABLE IF EXISTS "api_key_scopes";
--> statement-breakpoint
DROP TABLE IF EXISTS "api_keys";
--> statement-breakpoint
DROP TABLE IF EXISTS "refresh_tokens";
--> statement-breakpoint
DROP TABLE IF EXISTS "auth_sessions";
--> statement-breakpoint
DROP TABLE IF EXISTS "user_roles";
--> statement-breakpoint
DROP TABLE IF EXISTS "users";
