CREATE TABLE "archive_batch_items" (
	"id" uuid PRIMARY KEY NOT NULL,
	"batch_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"source" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"error" text,
	"image_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "archive_batch_items_status_values" CHECK ("archive_batch_items"."status" IN ('pending', 'running', 'done', 'failed', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "archive_batches" (
	"id" uuid PRIMARY KEY NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"product_name" text,
	"created_by" uuid,
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "archive_batches_status" CHECK ("archive_batches"."status" IN ('pending', 'running', 'done', 'failed', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "archive_footprint_cells" (
	"image_id" uuid NOT NULL,
	"cell" integer NOT NULL,
	CONSTRAINT "archive_footprint_cells_image_id_cell_pk" PRIMARY KEY("image_id","cell")
);
--> statement-breakpoint
CREATE TABLE "archive_header_cards" (
	"image_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"keyword" text NOT NULL,
	"value" text,
	"comment" text,
	CONSTRAINT "archive_header_cards_image_id_position_pk" PRIMARY KEY("image_id","position")
);
--> statement-breakpoint
CREATE TABLE "archive_images" (
	"id" uuid PRIMARY KEY NOT NULL,
	"product_name" text NOT NULL,
	"product_version" integer DEFAULT 1 NOT NULL,
	"file_id" uuid NOT NULL,
	"file_sha256" text NOT NULL,
	"file_bytes" bigint NOT NULL,
	"hdu_index" integer NOT NULL,
	"ext_name" text,
	"shape" jsonb NOT NULL,
	"bitpix" smallint NOT NULL,
	"bunit" text,
	"object" text,
	"telescope" text,
	"instrument" text,
	"observed_at" timestamp with time zone,
	"frequency_hz" double precision,
	"bandwidth_hz" double precision,
	"beam" jsonb,
	"noise" double precision,
	"dynamic_range" double precision,
	"stats" jsonb,
	"centre_ra" double precision,
	"centre_dec" double precision,
	"centre_x" double precision,
	"centre_y" double precision,
	"centre_z" double precision,
	"sky_cell" bigint,
	"pixel_scale_deg" double precision,
	"footprint" jsonb,
	"checksum_status" text NOT NULL,
	"warnings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "archive_images_checksum_status" CHECK ("archive_images"."checksum_status" IN ('ok', 'absent', 'failed')),
	CONSTRAINT "archive_images_centre_range" CHECK ("archive_images"."centre_dec" IS NULL OR "archive_images"."centre_dec" BETWEEN -90 AND 90)
);
--> statement-breakpoint
CREATE TABLE "archive_previews" (
	"image_id" uuid NOT NULL,
	"params_key" text NOT NULL,
	"file_id" uuid NOT NULL,
	"etag" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "archive_previews_image_id_params_key_pk" PRIMARY KEY("image_id","params_key")
);
--> statement-breakpoint
CREATE TABLE "archive_provenance" (
	"parent_id" uuid NOT NULL,
	"child_id" uuid NOT NULL,
	"relation" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "archive_provenance_parent_id_child_id_relation_pk" PRIMARY KEY("parent_id","child_id","relation"),
	CONSTRAINT "archive_provenance_relation" CHECK ("archive_provenance"."relation" IN ('derived_from', 'mosaic_of', 'reprocessed_as')),
	CONSTRAINT "archive_provenance_not_self" CHECK ("archive_provenance"."parent_id" <> "archive_provenance"."child_id")
);
--> statement-breakpoint
CREATE TABLE "archive_qa" (
	"image_id" uuid PRIMARY KEY NOT NULL,
	"grade" text NOT NULL,
	"rule" text NOT NULL,
	"reason" text,
	"rating" smallint,
	"comment" text,
	"rated_by" uuid,
	"rated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "archive_qa_grade_values" CHECK ("archive_qa"."grade" IN ('good', 'warn', 'fail')),
	CONSTRAINT "archive_qa_rating_range" CHECK ("archive_qa"."rating" IS NULL OR "archive_qa"."rating" BETWEEN 1 AND 5)
);
--> statement-breakpoint
ALTER TABLE "archive_batch_items" ADD CONSTRAINT "archive_batch_items_batch_id_archive_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."archive_batches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_batches" ADD CONSTRAINT "archive_batches_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_footprint_cells" ADD CONSTRAINT "archive_footprint_cells_image_id_archive_images_id_fk" FOREIGN KEY ("image_id") REFERENCES "public"."archive_images"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_header_cards" ADD CONSTRAINT "archive_header_cards_image_id_archive_images_id_fk" FOREIGN KEY ("image_id") REFERENCES "public"."archive_images"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_images" ADD CONSTRAINT "archive_images_file_id_stored_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."stored_files"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_images" ADD CONSTRAINT "archive_images_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_previews" ADD CONSTRAINT "archive_previews_image_id_archive_images_id_fk" FOREIGN KEY ("image_id") REFERENCES "public"."archive_images"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_previews" ADD CONSTRAINT "archive_previews_file_id_stored_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."stored_files"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_provenance" ADD CONSTRAINT "archive_provenance_parent_id_archive_images_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."archive_images"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_provenance" ADD CONSTRAINT "archive_provenance_child_id_archive_images_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."archive_images"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_qa" ADD CONSTRAINT "archive_qa_image_id_archive_images_id_fk" FOREIGN KEY ("image_id") REFERENCES "public"."archive_images"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_qa" ADD CONSTRAINT "archive_qa_rated_by_users_id_fk" FOREIGN KEY ("rated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "archive_batch_items_position" ON "archive_batch_items" USING btree ("batch_id","position");--> statement-breakpoint
CREATE INDEX "archive_batch_items_status" ON "archive_batch_items" USING btree ("batch_id","status");--> statement-breakpoint
CREATE INDEX "archive_footprint_cells_cell" ON "archive_footprint_cells" USING btree ("cell");--> statement-breakpoint
CREATE INDEX "archive_header_cards_keyword" ON "archive_header_cards" USING btree ("keyword","value");--> statement-breakpoint
CREATE UNIQUE INDEX "archive_images_product_version_hdu" ON "archive_images" USING btree ("product_name","product_version","hdu_index");--> statement-breakpoint
CREATE INDEX "archive_images_sky_cell" ON "archive_images" USING btree ("sky_cell");--> statement-breakpoint
CREATE INDEX "archive_images_observed_at" ON "archive_images" USING btree ("observed_at");--> statement-breakpoint
CREATE INDEX "archive_images_frequency" ON "archive_images" USING btree ("frequency_hz");--> statement-breakpoint
CREATE INDEX "archive_images_object" ON "archive_images" USING btree ("object");--> statement-breakpoint
CREATE INDEX "archive_images_file" ON "archive_images" USING btree ("file_id");--> statement-breakpoint
CREATE INDEX "archive_provenance_child" ON "archive_provenance" USING btree ("child_id");--> statement-breakpoint
CREATE INDEX "archive_qa_grade" ON "archive_qa" USING btree ("grade");