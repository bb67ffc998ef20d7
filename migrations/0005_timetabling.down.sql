DROP TABLE IF EXISTS "tt_terms" CASCADE;
--> statement-breakpoint
DROP TABLE IF EXISTS "tt_term_weekdays" CASCADE;
--> statement-breakpoint
DROP TABLE IF EXISTS "tt_solves" CASCADE;
--> statement-breakpoint
DROP TABLE IF EXISTS "tt_slot_rules" CASCADE;
--> statement-breakpoint
DROP TABLE IF EXISTS "tt_schedules" CASCADE;
--> statement-breakpoint
DROP TABLE IF EXISTS "tt_schedule_costs" CASCADE;
--> statement-breakpoint
DROP TABLE IF EXISTS "tt_rooms" CASCADE;
--> statement-breakpoint
DROP TABLE IF EXISTS "tt_room_features" CASCADE;
--> statement-breakpoint
DROP TABLE IF EXISTS "tt_pins" CASCADE;
--> statement-breakpoint
DROP TABLE IF EXISTS "tt_periods" CASCADE;
--> statement-breakpoint
DROP TABLE IF EXISTS "tt_instructors" CASCADE;
--> statement-breakpoint
DROP TABLE IF EXISTS "tt_imports" CASCADE;
--> statement-breakpoint
DROP TABLE IF EXISTS "tt_feeds" CASCADE;
--> statement-breakpoint
DROP TABLE IF EXISTS "tt_curriculum_courses" CASCADE;
--> statement-breakpoint
DROP TABLE IF EXISTS "tt_curricula" CASCADE;
--> statement-breakpoint
DROP TABLE IF EXISTS "tt_courses" CASCADE;
--> statement-breakpoint
DROP TABLE IF EXISTS "tt_course_instructors" CASCADE;
--> statement-breakpoint
DROP TABLE IF EXISTS "tt_course_features" CASCADE;
--> statement-breakpoint
DROP TABLE IF EXISTS "tt_constraint_weights" CASCADE;
--> statement-breakpoint
DROP TABLE IF EXISTS "tt_blackouts" CASCADE;
--> statement-breakpoint
DROP TABLE IF EXISTS "tt_assignments" CASCADE;
