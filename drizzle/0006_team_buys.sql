CREATE TABLE "team_deals" (
	"id" text PRIMARY KEY NOT NULL,
	"coop_id" text NOT NULL,
	"variant_id" text NOT NULL,
	"team_price_fen" integer NOT NULL,
	"team_size" integer NOT NULL,
	"forming_minutes" integer NOT NULL,
	"stock_cap" integer NOT NULL,
	"committed" integer DEFAULT 0 NOT NULL,
	"same_station_only" boolean DEFAULT false NOT NULL,
	"max_open_teams_per_buyer" integer DEFAULT 1 NOT NULL,
	"active_from" timestamp with time zone NOT NULL,
	"active_to" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "team_deals_size" CHECK ("team_deals"."team_size" between 2 and 50),
	CONSTRAINT "team_deals_price_positive" CHECK ("team_deals"."team_price_fen" > 0),
	CONSTRAINT "team_deals_forming" CHECK ("team_deals"."forming_minutes" between 1 and 4320),
	CONSTRAINT "team_deals_committed" CHECK ("team_deals"."committed" >= 0 and "team_deals"."committed" <= "team_deals"."stock_cap"),
	CONSTRAINT "team_deals_window" CHECK ("team_deals"."active_to" > "team_deals"."active_from")
);
--> statement-breakpoint
CREATE TABLE "team_members" (
	"id" text PRIMARY KEY NOT NULL,
	"team_id" text NOT NULL,
	"user_id" text NOT NULL,
	"order_id" text NOT NULL,
	"quantity" integer NOT NULL,
	"pay_method" text NOT NULL,
	"status" text NOT NULL,
	"settle_action" text,
	"settle_outcome" text,
	"settle_attempts" integer DEFAULT 0 NOT NULL,
	"settle_error" text,
	"joined_at" timestamp with time zone NOT NULL,
	"settled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "team_members_quantity" CHECK ("team_members"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "teams" (
	"id" text PRIMARY KEY NOT NULL,
	"deal_id" text NOT NULL,
	"leader_id" text NOT NULL,
	"station_id" text,
	"size" integer NOT NULL,
	"seats" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'forming' NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone,
	"failed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "teams_seats" CHECK ("teams"."seats" >= 0 and "teams"."seats" <= "teams"."size")
);
--> statement-breakpoint
ALTER TABLE "team_deals" ADD CONSTRAINT "team_deals_coop_id_cooperatives_id_fk" FOREIGN KEY ("coop_id") REFERENCES "public"."cooperatives"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_deals" ADD CONSTRAINT "team_deals_variant_id_variants_id_fk" FOREIGN KEY ("variant_id") REFERENCES "public"."variants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_members" ADD CONSTRAINT "team_members_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_members" ADD CONSTRAINT "team_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_members" ADD CONSTRAINT "team_members_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teams" ADD CONSTRAINT "teams_deal_id_team_deals_id_fk" FOREIGN KEY ("deal_id") REFERENCES "public"."team_deals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teams" ADD CONSTRAINT "teams_leader_id_users_id_fk" FOREIGN KEY ("leader_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teams" ADD CONSTRAINT "teams_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "team_deals_variant_idx" ON "team_deals" USING btree ("variant_id","status");--> statement-breakpoint
CREATE INDEX "team_deals_coop_idx" ON "team_deals" USING btree ("coop_id");--> statement-breakpoint
CREATE UNIQUE INDEX "team_members_team_user_key" ON "team_members" USING btree ("team_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "team_members_order_key" ON "team_members" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "team_members_settle_idx" ON "team_members" USING btree ("settle_action");--> statement-breakpoint
CREATE INDEX "teams_deal_status_idx" ON "teams" USING btree ("deal_id","status");--> statement-breakpoint
CREATE INDEX "teams_due_idx" ON "teams" USING btree ("status","expires_at");--> statement-breakpoint
CREATE INDEX "teams_leader_idx" ON "teams" USING btree ("leader_id","deal_id");