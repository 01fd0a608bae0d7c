CREATE TABLE "api_tokens" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"token_hint" text NOT NULL,
	"scopes" text[] NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "live_bag_items" (
	"session_id" text NOT NULL,
	"product_id" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"price_revealed" boolean DEFAULT true NOT NULL,
	CONSTRAINT "live_bag_items_session_id_product_id_pk" PRIMARY KEY("session_id","product_id")
);
--> statement-breakpoint
CREATE TABLE "live_drop_buyers" (
	"drop_id" text NOT NULL,
	"buyer_id" text NOT NULL,
	"units" integer NOT NULL,
	CONSTRAINT "live_drop_buyers_drop_id_buyer_id_pk" PRIMARY KEY("drop_id","buyer_id"),
	CONSTRAINT "live_drop_buyers_units_nonneg" CHECK ("live_drop_buyers"."units" >= 0)
);
--> statement-breakpoint
CREATE TABLE "live_drops" (
	"id" text PRIMARY KEY NOT NULL,
	"session_id" text NOT NULL,
	"product_id" text NOT NULL,
	"variant_id" text NOT NULL,
	"price_fen" integer NOT NULL,
	"quantity_cap" integer NOT NULL,
	"sold" integer DEFAULT 0 NOT NULL,
	"per_buyer_limit" integer NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "live_drops_price_positive" CHECK ("live_drops"."price_fen" > 0),
	CONSTRAINT "live_drops_sold_within_cap" CHECK ("live_drops"."sold" >= 0 and "live_drops"."sold" <= "live_drops"."quantity_cap"),
	CONSTRAINT "live_drops_limit_positive" CHECK ("live_drops"."per_buyer_limit" > 0),
	CONSTRAINT "live_drops_window" CHECK ("live_drops"."closes_at" > "live_drops"."opens_at")
);
--> statement-breakpoint
CREATE TABLE "live_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "live_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"session_id" text NOT NULL,
	"type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "live_pins" (
	"id" text PRIMARY KEY NOT NULL,
	"session_id" text NOT NULL,
	"product_id" text NOT NULL,
	"pinned_at" timestamp with time zone NOT NULL,
	"unpinned_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "live_presence" (
	"instance_id" text NOT NULL,
	"session_id" text NOT NULL,
	"viewers" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "live_presence_instance_id_session_id_pk" PRIMARY KEY("instance_id","session_id")
);
--> statement-breakpoint
CREATE TABLE "live_reminders" (
	"session_id" text NOT NULL,
	"user_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "live_reminders_session_id_user_id_pk" PRIMARY KEY("session_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "live_session_coops" (
	"session_id" text NOT NULL,
	"coop_id" text NOT NULL,
	CONSTRAINT "live_session_coops_session_id_coop_id_pk" PRIMARY KEY("session_id","coop_id")
);
--> statement-breakpoint
CREATE TABLE "live_sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"streamer_id" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"cover_image_path" text,
	"scheduled_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"started_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"stream_key_hash" text,
	"stream_key_hint" text,
	"external_playback_url" text,
	"replay_url" text,
	"pinned_product_id" text,
	"unpublished_at" timestamp with time zone,
	"publish_client_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "live_session_id" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "drop_id" text;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_bag_items" ADD CONSTRAINT "live_bag_items_session_id_live_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."live_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_bag_items" ADD CONSTRAINT "live_bag_items_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_drop_buyers" ADD CONSTRAINT "live_drop_buyers_drop_id_live_drops_id_fk" FOREIGN KEY ("drop_id") REFERENCES "public"."live_drops"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_drop_buyers" ADD CONSTRAINT "live_drop_buyers_buyer_id_users_id_fk" FOREIGN KEY ("buyer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_drops" ADD CONSTRAINT "live_drops_session_id_live_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."live_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_drops" ADD CONSTRAINT "live_drops_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_drops" ADD CONSTRAINT "live_drops_variant_id_variants_id_fk" FOREIGN KEY ("variant_id") REFERENCES "public"."variants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_events" ADD CONSTRAINT "live_events_session_id_live_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."live_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_pins" ADD CONSTRAINT "live_pins_session_id_live_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."live_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_pins" ADD CONSTRAINT "live_pins_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_reminders" ADD CONSTRAINT "live_reminders_session_id_live_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."live_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_reminders" ADD CONSTRAINT "live_reminders_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_session_coops" ADD CONSTRAINT "live_session_coops_session_id_live_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."live_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_session_coops" ADD CONSTRAINT "live_session_coops_coop_id_cooperatives_id_fk" FOREIGN KEY ("coop_id") REFERENCES "public"."cooperatives"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_sessions" ADD CONSTRAINT "live_sessions_streamer_id_users_id_fk" FOREIGN KEY ("streamer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "api_tokens_hash_key" ON "api_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "api_tokens_user_idx" ON "api_tokens" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "live_drops_session_idx" ON "live_drops" USING btree ("session_id","status");--> statement-breakpoint
CREATE INDEX "live_events_session_idx" ON "live_events" USING btree ("session_id","id");--> statement-breakpoint
CREATE INDEX "live_pins_session_idx" ON "live_pins" USING btree ("session_id","pinned_at");--> statement-breakpoint
CREATE INDEX "live_sessions_status_idx" ON "live_sessions" USING btree ("status","scheduled_at");--> statement-breakpoint
CREATE INDEX "live_sessions_streamer_idx" ON "live_sessions" USING btree ("streamer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "live_sessions_stream_key_key" ON "live_sessions" USING btree ("stream_key_hash");--> statement-breakpoint
CREATE INDEX "orders_live_idx" ON "orders" USING btree ("live_session_id");