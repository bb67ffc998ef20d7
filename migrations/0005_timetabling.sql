CREATE TABLE "tt_assignments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"schedule_id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	"meeting" integer NOT NULL,
	"slot" integer,
	"room_id" uuid
);
--> statement-breakpoint
CREATE TABLE "tt_blackouts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"term_id" uuid NOT NULL,
	"date" date NOT NULL,
	"period" smallint,
	"reason" text
);
--> statement-breakpoint
CREATE TABLE "tt_constraint_weights" (
	"term_id" uuid NOT NULL,
	"constraint_id" text NOT NULL,
	"weight" real NOT NULL,
	CONSTRAINT "tt_constraint_weights_term_id_constraint_id_pk" PRIMARY KEY("term_id","constraint_id")
);
--> statement-breakpoint
CREATE TABLE "tt_course_features" (
	"course_id" uuid NOT NULL,
	"feature" text NOT NULL,
	CONSTRAINT "tt_course_features_course_id_feature_pk" PRIMARY KEY("course_id","feature")
);
--> statement-breakpoint
CREATE TABLE "tt_course_instructors" (
	"course_id" uuid NOT NULL,
	"instructor_id" uuid NOT NULL,
	CONSTRAINT "tt_course_instructors_course_id_instructor_id_pk" PRIMARY KEY("course_id","instructor_id")
);
--> statement-breakpoint
CREATE TABLE "tt_courses" (
	"id" uuid PRIMARY KEY NOT NULL,
	"term_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text,
	"meetings" integer NOT NULL,
	"duration" smallint DEFAULT 1 NOT NULL,
	"students" integer DEFAULT 0 NOT NULL,
	"min_days" integer DEFAULT 1 NOT NULL,
	"max_per_day" integer,
	"min_gap_days" integer,
	"window_from" date,
	"window_to" date,
	"catalog_course_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tt_courses_meetings_check" CHECK ("tt_courses"."meetings" >= 1),
	CONSTRAINT "tt_courses_students_check" CHECK ("tt_courses"."students" >= 0)
);
--> statement-breakpoint
CREATE TABLE "tt_curricula" (
	"id" uuid PRIMARY KEY NOT NULL,
	"term_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tt_curriculum_courses" (
	"curriculum_id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	CONSTRAINT "tt_curriculum_courses_curriculum_id_course_id_pk" PRIMARY KEY("curriculum_id","course_id")
);
--> statement-breakpoint
CREATE TABLE "tt_feeds" (
	"id" uuid PRIMARY KEY NOT NULL,
	"term_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "tt_feeds_token_hash_unique" UNIQUE("token_hash"),
	CONSTRAINT "tt_feeds_kind_check" CHECK ("tt_feeds"."kind" IN ('room', 'instructor', 'curriculum', 'learner'))
);
--> statement-breakpoint
CREATE TABLE "tt_imports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"term_id" uuid NOT NULL,
	"format" text NOT NULL,
	"file_name" text NOT NULL,
	"rooms" integer NOT NULL,
	"instructors" integer NOT NULL,
	"courses" integer NOT NULL,
	"curricula" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "tt_instructors" (
	"id" uuid PRIMARY KEY NOT NULL,
	"term_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text,
	"user_id" uuid,
	"max_load" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tt_periods" (
	"term_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"starts_at" text,
	"ends_at" text,
	CONSTRAINT "tt_periods_term_id_position_pk" PRIMARY KEY("term_id","position")
);
--> statement-breakpoint
CREATE TABLE "tt_pins" (
	"course_id" uuid NOT NULL,
	"meeting" integer NOT NULL,
	"day" smallint,
	"date" date,
	"period" smallint,
	"room_id" uuid,
	CONSTRAINT "tt_pins_course_id_meeting_pk" PRIMARY KEY("course_id","meeting")
);
--> statement-breakpoint
CREATE TABLE "tt_room_features" (
	"room_id" uuid NOT NULL,
	"feature" text NOT NULL,
	CONSTRAINT "tt_room_features_room_id_feature_pk" PRIMARY KEY("room_id","feature")
);
--> statement-breakpoint
CREATE TABLE "tt_rooms" (
	"id" uuid PRIMARY KEY NOT NULL,
	"term_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text,
	"capacity" integer NOT NULL,
	"building" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tt_rooms_capacity_check" CHECK ("tt_rooms"."capacity" >= 0)
);
--> statement-breakpoint
CREATE TABLE "tt_schedule_costs" (
	"schedule_id" uuid NOT NULL,
	"constraint_id" text NOT NULL,
	"hard" boolean NOT NULL,
	"cost" integer NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "tt_schedule_costs_schedule_id_constraint_id_pk" PRIMARY KEY("schedule_id","constraint_id")
);
--> statement-breakpoint
CREATE TABLE "tt_schedules" (
	"id" uuid PRIMARY KEY NOT NULL,
	"term_id" uuid NOT NULL,
	"name" text NOT NULL,
	"origin" text NOT NULL,
	"solve_id" uuid,
	"hard" integer NOT NULL,
	"soft" integer NOT NULL,
	"published" boolean DEFAULT false NOT NULL,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	CONSTRAINT "tt_schedules_origin_check" CHECK ("tt_schedules"."origin" IN ('solve', 'manual', 'import', 'resolve', 'duplicate'))
);
--> statement-breakpoint
CREATE TABLE "tt_slot_rules" (
	"id" uuid PRIMARY KEY NOT NULL,
	"term_id" uuid NOT NULL,
	"course_id" uuid,
	"room_id" uuid,
	"instructor_id" uuid,
	"preferred" boolean DEFAULT false NOT NULL,
	"day" smallint,
	"date" date,
	"period" smallint,
	CONSTRAINT "tt_slot_rules_subject_check" CHECK (num_nonnulls("tt_slot_rules"."course_id", "tt_slot_rules"."room_id", "tt_slot_rules"."instructor_id") = 1),
	CONSTRAINT "tt_slot_rules_when_check" CHECK (num_nonnulls("tt_slot_rules"."day", "tt_slot_rules"."date") = 1)
);
--> statement-breakpoint
CREATE TABLE "tt_solves" (
	"id" uuid PRIMARY KEY NOT NULL,
	"term_id" uuid NOT NULL,
	"job_id" uuid,
	"solver" text NOT NULL,
	"time_limit_seconds" real NOT NULL,
	"seed" integer NOT NULL,
	"threads" integer,
	"from_schedule_id" uuid,
	"status" text DEFAULT 'queued' NOT NULL,
	"percent" real DEFAULT 0 NOT NULL,
	"best_hard" integer,
	"best_soft" integer,
	"iterations" integer DEFAULT 0 NOT NULL,
	"schedule_id" uuid,
	"error" text,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	CONSTRAINT "tt_solves_status_check" CHECK ("tt_solves"."status" IN ('queued', 'running', 'completed', 'cancelled', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "tt_term_weekdays" (
	"term_id" uuid NOT NULL,
	"weekday" smallint NOT NULL,
	CONSTRAINT "tt_term_weekdays_term_id_weekday_pk" PRIMARY KEY("term_id","weekday"),
	CONSTRAINT "tt_term_weekdays_check" CHECK ("tt_term_weekdays"."weekday" BETWEEN 1 AND 7)
);
--> statement-breakpoint
CREATE TABLE "tt_terms" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text DEFAULT 'weekly' NOT NULL,
	"time_zone" text DEFAULT 'UTC' NOT NULL,
	"start_date" date,
	"end_date" date,
	"days" smallint DEFAULT 5 NOT NULL,
	"evening_from" text,
	"source_format" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	CONSTRAINT "tt_terms_kind_check" CHECK ("tt_terms"."kind" IN ('weekly', 'dated')),
	CONSTRAINT "tt_terms_dated_check" CHECK ("tt_terms"."kind" = 'weekly' OR ("tt_terms"."start_date" IS NOT NULL AND "tt_terms"."end_date" IS NOT NULL AND "tt_terms"."start_date" <= "tt_terms"."end_date")),
	CONSTRAINT "tt_terms_days_check" CHECK ("tt_terms"."days" BETWEEN 1 AND 7)
);
--> statement-breakpoint
ALTER TABLE "tt_assignments" ADD CONSTRAINT "tt_assignments_schedule_id_tt_schedules_id_fk" FOREIGN KEY ("schedule_id") REFERENCES "public"."tt_schedules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tt_assignments" ADD CONSTRAINT "tt_assignments_course_id_tt_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."tt_courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tt_assignments" ADD CONSTRAINT "tt_assignments_room_id_tt_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."tt_rooms"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tt_blackouts" ADD CONSTRAINT "tt_blackouts_term_id_tt_terms_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."tt_terms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tt_constraint_weights" ADD CONSTRAINT "tt_constraint_weights_term_id_tt_terms_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."tt_terms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tt_course_features" ADD CONSTRAINT "tt_course_features_course_id_tt_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."tt_courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tt_course_instructors" ADD CONSTRAINT "tt_course_instructors_course_id_tt_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."tt_courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tt_course_instructors" ADD CONSTRAINT "tt_course_instructors_instructor_id_tt_instructors_id_fk" FOREIGN KEY ("instructor_id") REFERENCES "public"."tt_instructors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tt_courses" ADD CONSTRAINT "tt_courses_term_id_tt_terms_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."tt_terms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tt_curricula" ADD CONSTRAINT "tt_curricula_term_id_tt_terms_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."tt_terms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tt_curriculum_courses" ADD CONSTRAINT "tt_curriculum_courses_curriculum_id_tt_curricula_id_fk" FOREIGN KEY ("curriculum_id") REFERENCES "public"."tt_curricula"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tt_curriculum_courses" ADD CONSTRAINT "tt_curriculum_courses_course_id_tt_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."tt_courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tt_feeds" ADD CONSTRAINT "tt_feeds_term_id_tt_terms_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."tt_terms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tt_imports" ADD CONSTRAINT "tt_imports_term_id_tt_terms_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."tt_terms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tt_instructors" ADD CONSTRAINT "tt_instructors_term_id_tt_terms_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."tt_terms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tt_instructors" ADD CONSTRAINT "tt_instructors_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tt_periods" ADD CONSTRAINT "tt_periods_term_id_tt_terms_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."tt_terms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tt_pins" ADD CONSTRAINT "tt_pins_course_id_tt_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."tt_courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tt_pins" ADD CONSTRAINT "tt_pins_room_id_tt_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."tt_rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tt_room_features" ADD CONSTRAINT "tt_room_features_room_id_tt_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."tt_rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tt_rooms" ADD CONSTRAINT "tt_rooms_term_id_tt_terms_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."tt_terms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tt_schedule_costs" ADD CONSTRAINT "tt_schedule_costs_schedule_id_tt_schedules_id_fk" FOREIGN KEY ("schedule_id") REFERENCES "public"."tt_schedules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tt_schedules" ADD CONSTRAINT "tt_schedules_term_id_tt_terms_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."tt_terms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tt_schedules" ADD CONSTRAINT "tt_schedules_solve_id_tt_solves_id_fk" FOREIGN KEY ("solve_id") REFERENCES "public"."tt_solves"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tt_slot_rules" ADD CONSTRAINT "tt_slot_rules_term_id_tt_terms_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."tt_terms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tt_slot_rules" ADD CONSTRAINT "tt_slot_rules_course_id_tt_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."tt_courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tt_slot_rules" ADD CONSTRAINT "tt_slot_rules_room_id_tt_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."tt_rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tt_slot_rules" ADD CONSTRAINT "tt_slot_rules_instructor_id_tt_instructors_id_fk" FOREIGN KEY ("instructor_id") REFERENCES "public"."tt_instructors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tt_solves" ADD CONSTRAINT "tt_solves_term_id_tt_terms_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."tt_terms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tt_term_weekdays" ADD CONSTRAINT "tt_term_weekdays_term_id_tt_terms_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."tt_terms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "tt_assignments_meeting_idx" ON "tt_assignments" USING btree ("schedule_id","course_id","meeting");--> statement-breakpoint
CREATE INDEX "tt_blackouts_term_idx" ON "tt_blackouts" USING btree ("term_id","date");--> statement-breakpoint
CREATE UNIQUE INDEX "tt_courses_code_idx" ON "tt_courses" USING btree ("term_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "tt_curricula_code_idx" ON "tt_curricula" USING btree ("term_id","code");--> statement-breakpoint
CREATE INDEX "tt_imports_term_idx" ON "tt_imports" USING btree ("term_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "tt_instructors_code_idx" ON "tt_instructors" USING btree ("term_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "tt_rooms_code_idx" ON "tt_rooms" USING btree ("term_id","code");--> statement-breakpoint
CREATE INDEX "tt_schedules_term_idx" ON "tt_schedules" USING btree ("term_id");--> statement-breakpoint
CREATE UNIQUE INDEX "tt_schedules_one_published_idx" ON "tt_schedules" USING btree ("term_id") WHERE "tt_schedules"."published";--> statement-breakpoint
CREATE INDEX "tt_slot_rules_term_idx" ON "tt_slot_rules" USING btree ("term_id");--> statement-breakpoint
CREATE INDEX "tt_solves_term_idx" ON "tt_solves" USING btree ("term_id","status");