CREATE TABLE "arena_runs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workload_id" uuid NOT NULL,
	"competitor" text NOT NULL,
	"solver" text NOT NULL,
	"hard" integer NOT NULL,
	"soft" integer NOT NULL,
	"time_to_feasible_ms" real,
	"elapsed_ms" real NOT NULL,
	"cpu_seconds" real NOT NULL,
	"iterations" integer NOT NULL,
	"evaluations_per_second" real NOT NULL,
	"gap" real,
	"rank" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
CREATE TABLE "arena_state" (
	"id" text PRIMARY KEY NOT NULL,
	"state" text DEFAULT 'stopped' NOT NULL,
	"preset" text,
	"budget_seconds" real NOT NULL,
	"competitors" text[] NOT NULL,
	"seed" integer NOT NULL,
	"workloads_done" integer DEFAULT 0 NOT NULL,
	"current_workload_id" uuid,
	"job_id" uuid,
	"started_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "arena_state_state_check" CHECK ("arena_state"."state" IN ('running', 'paused', 'stopped'))
);--> statement-breakpoint
CREATE TABLE "arena_workload_features" (
	"workload_id" uuid NOT NULL,
	"name" text NOT NULL,
	"value" real NOT NULL,
	CONSTRAINT "arena_workload_features_workload_id_name_pk" PRIMARY KEY("workload_id","name")
);--> statement-breakpoint
CREATE TABLE "arena_workloads" (
	"id" uuid PRIMARY KEY NOT NULL,
	"position" integer NOT NULL,
	"preset" text NOT NULL,
	"seed" integer NOT NULL,
	"term_id" uuid,
	"budget_seconds" real NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"selected" text,
	"finished_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "arena_workloads_status_check" CHECK ("arena_workloads"."status" IN ('running', 'completed'))
);--> statement-breakpoint
ALTER TABLE "arena_runs" ADD CONSTRAINT "arena_runs_workload_id_arena_workloads_id_fk" FOREIGN KEY ("workload_id") REFERENCES "public"."arena_workloads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "arena_state" ADD CONSTRAINT "arena_state_started_by_users_id_fk" FOREIGN KEY ("started_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "arena_workload_features" ADD CONSTRAINT "arena_workload_features_workload_id_arena_workloads_id_fk" FOREIGN KEY ("workload_id") REFERENCES "public"."arena_workloads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "arena_workloads" ADD CONSTRAINT "arena_workloads_term_id_tt_terms_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."tt_terms"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "arena_runs_workload_idx" ON "arena_runs" USING btree ("workload_id");--> statement-breakpoint
CREATE UNIQUE INDEX "arena_runs_workload_competitor_idx" ON "arena_runs" USING btree ("workload_id","competitor");--> statement-breakpoint
CREATE UNIQUE INDEX "arena_workloads_position_idx" ON "arena_workloads" USING btree ("position");
