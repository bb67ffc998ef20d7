DROP TABLE IF EXISTS "quiz_attempt_answers";
--> statement-breakpoint
DROP TABLE IF EXISTS "quiz_attempts";
--> statement-breakpoint
DROP TABLE IF EXISTS "quiz_options";
--> statement-breakpoint
DROP TABLE IF EXISTS "quiz_questions";
--> statement-breakpoint
DROP TABLE IF EXISTS "quizzes";
--> statement-breakpoint
DROP TABLE IF EXISTS "course_reviews";
--> statement-breakpoint
DROP TABLE IF EXISTS "lesson_progress";
--> statement-breakpoint
DROP TABLE IF EXISTS "enrolments";
--> statement-breakpoint
DROP TABLE IF EXISTS "lessons";
--> statement-breakpoint
DROP TABLE IF EXISTS "course_sections";
--> statement-breakpoint
DROP TABLE IF EXISTS "course_instructors";
--> statement-breakpoint
DROP TABLE IF EXISTS "course_tags";
--> statement-breakpoint
DROP TABLE IF EXISTS "courses";
--> statement-breakpoint
DROP TABLE IF EXISTS "categories";
--> statement-breakpoint
DROP TABLE IF EXISTS "stored_files";
