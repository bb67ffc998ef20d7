CREATE TABLE "engagement_experiment_variants" (
	"experiment_id" uuid NOT NULL,
	"key" text NOT NULL,
	"position" integer NOT NULL,
	"prompt_version" text,
	"channel" text,
	"weight" real NOT NULL
);
--> statement-breakpoint
CREATE TABLE "engagement_experiments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"status" text NOT NULL,
	"outcome_kind" text NOT NULL,
	"within_days" integer NOT NULL,
	"winner" text,
	"created_by" uuid,
	"stopped_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "engagement_nudges" (
	"id" uuid PRIMARY KEY NOT NULL,
	"learner_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"type" text NOT NULL,
	"content" text NOT NULL,
	"gpt_fallback" boolean NOT NULL,
	"prompt_version" text NOT NULL,
	"fallback_reason" text,
	"experiment_id" uuid,
	"variant" text,
	"status" text NOT NULL,
	"failure_reason" text,
	"created_by" uuid,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "engagement_prompts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"version" integer NOT NULL,
	"template" text NOT NULL,
	"system" text,
	"active" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "llm_usage" (
	"id" uuid PRIMARY KEY NOT NULL,
	"module" text NOT NULL,
	"purpose" text NOT NULL,
	"prompt_version" text NOT NULL,
	"model" text NOT NULL,
	"input_tokens" integer DEFAULT 0 NOT NULL,
	"output_tokens" integer DEFAULT 0 NOT NULL,
	"cost_usd" numeric(14, 8) DEFAULT 0 NOT NULL,
	"latency_ms" integer NOT NULL,
	"cached" boolean DEFAULT false NOT NULL,
	"fallback" boolean DEFAULT false NOT NULL,
	"outcome" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "engagement_experiment_variants" ADD CONSTRAINT "engagement_experiment_variants_experiment_id_engagement_experiments_id_fk" FOREIGN KEY ("experiment_id") REFERENCES "public"."engagement_experiments"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "engagement_nudges" ADD CONSTRAINT "engagement_nudges_learner_id_engagement_learners_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."engagement_learners"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "engagement_nudges" ADD CONSTRAINT "engagement_nudges_experiment_id_engagement_experiments_id_fk" FOREIGN KEY ("experiment_id") REFERENCES "public"."engagement_experiments"("id") ON DELETE set null ON UPDATE no action;
--> statement-breakpoint
CREATE UNIQUE INDEX "engagement_experiment_variants_uq" ON "engagement_experiment_variants" USING btree ("experiment_id","key");
--> statement-breakpoint
CREATE UNIQUE INDEX "engagement_experiments_name_uq" ON "engagement_experiments" USING btree ("name");
--> statement-breakpoint
CREATE INDEX "engagement_nudges_learner_time_idx" ON "engagement_nudges" USING btree ("learner_id","created_at");
--> statement-breakpoint
CREATE INDEX "engagement_nudges_experiment_idx" ON "engagement_nudges" USING btree ("experiment_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "engagement_prompts_version_uq" ON "engagement_prompts" USING btree ("name","version");
--> statement-breakpoint
CREATE UNIQUE INDEX "engagement_prompts_active_uq" ON "engagement_prompts" USING btree ("name") WHERE "engagement_prompts"."active";
--> statement-breakpoint
CREATE INDEX "llm_usage_created_idx" ON "llm_usage" USING btree ("created_at");
