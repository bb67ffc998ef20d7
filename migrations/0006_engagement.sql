CREATE TABLE "engagement_activity" (
	"id" uuid PRIMARY KEY NOT NULL,
	"learner_id" uuid NOT NULL,
	"course_id" uuid,
	"kind" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"score" real,
	"source" text NOT NULL,
	"source_id" text NOT NULL,
	"voided_at" timestamp with time zone,
	"details" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "engagement_courses" (
	"id" uuid PRIMARY KEY NOT NULL,
	"catalog_course_id" uuid,
	"external_source" text,
	"module_code" text,
	"presentation_code" text,
	"title" text NOT NULL,
	"start_date" date,
	"length_days" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "engagement_learners" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid,
	"external_source" text,
	"external_id" text,
	"display_name" text,
	"email" text,
	"program" text,
	"cohort" text,
	"phone_sealed" text,
	"preferred_channel" text,
	"gender" text,
	"age_band" text,
	"disability" boolean,
	"completed_percent" real,
	"avg_quiz_score" real,
	"consecutive_missed_sessions" integer,
	"last_login_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "engagement_model_versions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"model_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"predict_at" real,
	"train_on" jsonb,
	"parameters" jsonb,
	"evaluation" jsonb,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "engagement_models" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"active" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "engagement_outcomes" (
	"learner_id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	"result" text NOT NULL,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "engagement_registrations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"learner_id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	"registered_at" timestamp with time zone,
	"unregistered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "engagement_risk_snapshots" (
	"id" uuid PRIMARY KEY NOT NULL,
	"learner_id" uuid NOT NULL,
	"course_id" uuid,
	"model" text NOT NULL,
	"model_version_id" uuid,
	"score" real NOT NULL,
	"label" text NOT NULL,
	"factors" jsonb NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "engagement_activity" ADD CONSTRAINT "engagement_activity_learner_id_engagement_learners_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."engagement_learners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagement_activity" ADD CONSTRAINT "engagement_activity_course_id_engagement_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."engagement_courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagement_learners" ADD CONSTRAINT "engagement_learners_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagement_model_versions" ADD CONSTRAINT "engagement_model_versions_model_id_engagement_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."engagement_models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagement_outcomes" ADD CONSTRAINT "engagement_outcomes_learner_id_engagement_learners_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."engagement_learners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagement_outcomes" ADD CONSTRAINT "engagement_outcomes_course_id_engagement_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."engagement_courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagement_registrations" ADD CONSTRAINT "engagement_registrations_learner_id_engagement_learners_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."engagement_learners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagement_registrations" ADD CONSTRAINT "engagement_registrations_course_id_engagement_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."engagement_courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagement_risk_snapshots" ADD CONSTRAINT "engagement_risk_snapshots_learner_id_engagement_learners_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."engagement_learners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagement_risk_snapshots" ADD CONSTRAINT "engagement_risk_snapshots_course_id_engagement_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."engagement_courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "engagement_activity_source_uq" ON "engagement_activity" USING btree ("source","source_id");--> statement-breakpoint
CREATE INDEX "engagement_activity_learner_time_idx" ON "engagement_activity" USING btree ("learner_id","occurred_at");--> statement-breakpoint
CREATE INDEX "engagement_activity_course_time_idx" ON "engagement_activity" USING btree ("course_id","occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "engagement_courses_catalog_uq" ON "engagement_courses" USING btree ("catalog_course_id");--> statement-breakpoint
CREATE UNIQUE INDEX "engagement_courses_presentation_uq" ON "engagement_courses" USING btree ("external_source","module_code","presentation_code");--> statement-breakpoint
CREATE UNIQUE INDEX "engagement_learners_user_uq" ON "engagement_learners" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "engagement_learners_external_uq" ON "engagement_learners" USING btree ("external_source","external_id");--> statement-breakpoint
CREATE INDEX "engagement_learners_cohort_idx" ON "engagement_learners" USING btree ("cohort");--> statement-breakpoint
CREATE UNIQUE INDEX "engagement_model_versions_uq" ON "engagement_model_versions" USING btree ("model_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "engagement_models_name_uq" ON "engagement_models" USING btree ("name");--> statement-breakpoint
CREATE UNIQUE INDEX "engagement_models_one_active_uq" ON "engagement_models" USING btree ("active") WHERE "engagement_models"."active";--> statement-breakpoint
CREATE UNIQUE INDEX "engagement_outcomes_uq" ON "engagement_outcomes" USING btree ("learner_id","course_id");--> statement-breakpoint
CREATE UNIQUE INDEX "engagement_registrations_uq" ON "engagement_registrations" USING btree ("learner_id","course_id");--> statement-breakpoint
CREATE INDEX "engagement_registrations_course_idx" ON "engagement_registrations" USING btree ("course_id");--> statement-breakpoint
CREATE INDEX "engagement_risk_snapshots_learner_idx" ON "engagement_risk_snapshots" USING btree ("learner_id","as_of");