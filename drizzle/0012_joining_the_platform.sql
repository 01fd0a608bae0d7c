CREATE TABLE "account_tokens" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"purpose" text NOT NULL,
	"token_hash" text NOT NULL,
	"email" text,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "applications" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"details" jsonb NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"reject_reason" text,
	"reviewed_by" text,
	"reviewed_at" timestamp with time zone,
	"result_id" text,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"actor_id" text,
	"action" text NOT NULL,
	"entity_kind" text NOT NULL,
	"entity_id" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "carrying_agreement_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "carrying_agreement_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"agreement_id" text NOT NULL,
	"actor_id" text,
	"side" text NOT NULL,
	"action" text NOT NULL,
	"rate_bps" integer,
	"starts_at" timestamp with time zone,
	"ends_at" timestamp with time zone,
	"product_ids" jsonb,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "carrying_agreement_products" (
	"agreement_id" text NOT NULL,
	"product_id" text NOT NULL,
	CONSTRAINT "carrying_agreement_products_agreement_id_product_id_pk" PRIMARY KEY("agreement_id","product_id")
);
--> statement-breakpoint
CREATE TABLE "carrying_agreements" (
	"id" text PRIMARY KEY NOT NULL,
	"streamer_id" text NOT NULL,
	"coop_id" text NOT NULL,
	"status" text DEFAULT 'proposed' NOT NULL,
	"awaiting" text,
	"all_products" boolean DEFAULT true NOT NULL,
	"rate_bps" integer NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "carrying_agreements_rate" CHECK ("carrying_agreements"."rate_bps" between 0 and 5000),
	CONSTRAINT "carrying_agreements_period" CHECK ("carrying_agreements"."ends_at" > "carrying_agreements"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "coop_invitations" (
	"id" text PRIMARY KEY NOT NULL,
	"coop_id" text NOT NULL,
	"invited_by" text NOT NULL,
	"identifier" text NOT NULL,
	"role" text NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"accepted_by" text,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "streamer_profiles" (
	"user_id" text PRIMARY KEY NOT NULL,
	"display_name" text NOT NULL,
	"bio" text DEFAULT '' NOT NULL,
	"channel_links" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"interests" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "role" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "email_verified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cooperatives" ADD COLUMN "uscc" text;--> statement-breakpoint
ALTER TABLE "cooperatives" ADD COLUMN "contact_name" text;--> statement-breakpoint
ALTER TABLE "cooperatives" ADD COLUMN "categories" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "stations" ADD COLUMN "daily_capacity" integer;--> statement-breakpoint
ALTER TABLE "order_lines" ADD COLUMN "streamer_id" text;--> statement-breakpoint
ALTER TABLE "order_lines" ADD COLUMN "agreement_id" text;--> statement-breakpoint
ALTER TABLE "order_lines" ADD COLUMN "commission_bps" integer;--> statement-breakpoint
ALTER TABLE "account_tokens" ADD CONSTRAINT "account_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "carrying_agreement_events" ADD CONSTRAINT "carrying_agreement_events_agreement_id_carrying_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."carrying_agreements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "carrying_agreement_events" ADD CONSTRAINT "carrying_agreement_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "carrying_agreement_products" ADD CONSTRAINT "carrying_agreement_products_agreement_id_carrying_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."carrying_agreements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "carrying_agreement_products" ADD CONSTRAINT "carrying_agreement_products_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "carrying_agreements" ADD CONSTRAINT "carrying_agreements_streamer_id_users_id_fk" FOREIGN KEY ("streamer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "carrying_agreements" ADD CONSTRAINT "carrying_agreements_coop_id_cooperatives_id_fk" FOREIGN KEY ("coop_id") REFERENCES "public"."cooperatives"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coop_invitations" ADD CONSTRAINT "coop_invitations_coop_id_cooperatives_id_fk" FOREIGN KEY ("coop_id") REFERENCES "public"."cooperatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coop_invitations" ADD CONSTRAINT "coop_invitations_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coop_invitations" ADD CONSTRAINT "coop_invitations_accepted_by_users_id_fk" FOREIGN KEY ("accepted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "streamer_profiles" ADD CONSTRAINT "streamer_profiles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "account_tokens_token_key" ON "account_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "account_tokens_user_idx" ON "account_tokens" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "applications_one_open_key" ON "applications" USING btree ("user_id","kind") WHERE "applications"."status" in ('pending', 'rejected');--> statement-breakpoint
CREATE INDEX "applications_queue_idx" ON "applications" USING btree ("status","kind","submitted_at");--> statement-breakpoint
CREATE INDEX "audit_log_created_idx" ON "audit_log" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("entity_kind","entity_id");--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor_id");--> statement-breakpoint
CREATE INDEX "carrying_agreement_events_agreement_idx" ON "carrying_agreement_events" USING btree ("agreement_id","id");--> statement-breakpoint
CREATE INDEX "carrying_agreements_streamer_idx" ON "carrying_agreements" USING btree ("streamer_id","status");--> statement-breakpoint
CREATE INDEX "carrying_agreements_coop_idx" ON "carrying_agreements" USING btree ("coop_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "coop_invitations_token_key" ON "coop_invitations" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "coop_invitations_coop_idx" ON "coop_invitations" USING btree ("coop_id");--> statement-breakpoint
CREATE UNIQUE INDEX "cooperatives_uscc_key" ON "cooperatives" USING btree ("uscc");--> statement-breakpoint
CREATE FUNCTION "audit_log_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;--> statement-breakpoint
CREATE TRIGGER "audit_log_no_update_or_delete" BEFORE UPDATE OR DELETE ON "audit_log"
	FOR EACH ROW EXECUTE FUNCTION "audit_log_append_only"();--> statement-breakpoint
CREATE TRIGGER "audit_log_no_truncate" BEFORE TRUNCATE ON "audit_log"
	FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_append_only"();--> statement-breakpoint
-- The cooperatives' existing members ran them alone so far: they are its owners.
UPDATE "memberships" SET "role" = 'owner' WHERE "kind" = 'coop' AND "role" IS NULL;--> statement-breakpoint
-- Every existing streamer gets a profile under their account name; accounts made before verification existed count as verified.
INSERT INTO "streamer_profiles" ("user_id", "display_name")
	SELECT m."user_id", u."name" FROM "memberships" m JOIN "users" u ON u."id" = m."user_id" WHERE m."kind" = 'streamer'
	ON CONFLICT DO NOTHING;--> statement-breakpoint
UPDATE "users" SET "email_verified_at" = "created_at" WHERE "email" IS NOT NULL AND "email_verified_at" IS NULL;
