CREATE TABLE "xapi_activities" (
	"id" text PRIMARY KEY NOT NULL,
	"definition" jsonb
);
--> statement-breakpoint
CREATE TABLE "xapi_activity_profiles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"activity_id" text NOT NULL,
	"profile_id" text NOT NULL,
	"content_type" text NOT NULL,
	"body" "bytea" NOT NULL,
	"etag" text NOT NULL,
	"updated" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "xapi_agent_profiles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agent_ifi" text NOT NULL,
	"profile_id" text NOT NULL,
	"content_type" text NOT NULL,
	"body" "bytea" NOT NULL,
	"etag" text NOT NULL,
	"updated" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "xapi_state_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"activity_id" text NOT NULL,
	"agent_ifi" text NOT NULL,
	"registration" text DEFAULT '' NOT NULL,
	"state_id" text NOT NULL,
	"content_type" text NOT NULL,
	"body" "bytea" NOT NULL,
	"etag" text NOT NULL,
	"updated" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "xapi_statement_refs" (
	"statement_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"role" text NOT NULL,
	"ref" text NOT NULL,
	"direct" boolean DEFAULT false NOT NULL,
	CONSTRAINT "xapi_statement_refs_statement_id_kind_role_ref_pk" PRIMARY KEY("statement_id","kind","role","ref")
);
--> statement-breakpoint
CREATE TABLE "xapi_statements" (
	"seq" bigserial NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"actor_ifi" text,
	"verb_id" text NOT NULL,
	"object_type" text NOT NULL,
	"object_id" text,
	"registration" uuid,
	"statement" jsonb NOT NULL,
	"timestamp" timestamp (3) with time zone NOT NULL,
	"stored" timestamp (3) with time zone NOT NULL,
	"voided" boolean DEFAULT false NOT NULL,
	"voids_id" uuid,
	"authority" jsonb NOT NULL,
	"api_key_id" uuid,
	"owner_id" uuid,
	CONSTRAINT "xapi_statements_seq_unique" UNIQUE("seq")
);
--> statement-breakpoint
ALTER TABLE "xapi_statement_refs" ADD CONSTRAINT "xapi_statement_refs_statement_id_xapi_statements_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."xapi_statements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "xapi_activity_profiles_key" ON "xapi_activity_profiles" USING btree ("activity_id","profile_id");--> statement-breakpoint
CREATE UNIQUE INDEX "xapi_agent_profiles_key" ON "xapi_agent_profiles" USING btree ("agent_ifi","profile_id");--> statement-breakpoint
CREATE UNIQUE INDEX "xapi_state_documents_key" ON "xapi_state_documents" USING btree ("activity_id","agent_ifi","registration","state_id");--> statement-breakpoint
CREATE INDEX "xapi_statement_refs_ref_idx" ON "xapi_statement_refs" USING btree ("kind","ref");--> statement-breakpoint
CREATE INDEX "xapi_statements_stored_idx" ON "xapi_statements" USING btree ("seq");--> statement-breakpoint
CREATE INDEX "xapi_statements_verb_idx" ON "xapi_statements" USING btree ("verb_id","seq");--> statement-breakpoint
CREATE INDEX "xapi_statements_registration_idx" ON "xapi_statements" USING btree ("registration","seq");