CREATE TABLE "report_buyer_week" (
	"week" date NOT NULL,
	"dim" text NOT NULL,
	"key" text NOT NULL,
	"buyers" integer NOT NULL,
	CONSTRAINT "report_buyer_week_week_dim_key_pk" PRIMARY KEY("week","dim","key")
);
--> statement-breakpoint
CREATE TABLE "report_changes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "report_changes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"order_id" text,
	"refund_id" text
);
--> statement-breakpoint
CREATE TABLE "report_coop_daily" (
	"coop_id" text NOT NULL,
	"day" date NOT NULL,
	"channel" text NOT NULL,
	"fulfillment" text NOT NULL,
	"orders" integer NOT NULL,
	"units" integer NOT NULL,
	"revenue_fen" bigint NOT NULL,
	CONSTRAINT "report_coop_daily_coop_id_day_channel_fulfillment_pk" PRIMARY KEY("coop_id","day","channel","fulfillment")
);
--> statement-breakpoint
CREATE TABLE "report_coop_day" (
	"day" date NOT NULL,
	"coop_id" text NOT NULL,
	"orders" integer NOT NULL,
	"units" integer NOT NULL,
	"revenue_fen" bigint NOT NULL,
	CONSTRAINT "report_coop_day_day_coop_id_pk" PRIMARY KEY("day","coop_id")
);
--> statement-breakpoint
CREATE TABLE "report_platform_daily" (
	"day" date NOT NULL,
	"channel" text NOT NULL,
	"fulfillment" text NOT NULL,
	"station_id" text NOT NULL,
	"orders" integer NOT NULL,
	"units" integer NOT NULL,
	"revenue_fen" bigint NOT NULL,
	CONSTRAINT "report_platform_daily_day_channel_fulfillment_station_id_pk" PRIMARY KEY("day","channel","fulfillment","station_id")
);
--> statement-breakpoint
CREATE TABLE "report_platform_day" (
	"day" date PRIMARY KEY NOT NULL,
	"orders" integer NOT NULL,
	"units" integer NOT NULL,
	"revenue_fen" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_product_daily" (
	"coop_id" text NOT NULL,
	"day" date NOT NULL,
	"product_id" text NOT NULL,
	"orders" integer NOT NULL,
	"units" integer NOT NULL,
	"revenue_fen" bigint NOT NULL,
	CONSTRAINT "report_product_daily_coop_id_day_product_id_pk" PRIMARY KEY("coop_id","day","product_id")
);
--> statement-breakpoint
CREATE TABLE "report_refund_daily" (
	"coop_id" text NOT NULL,
	"day" date NOT NULL,
	"product_id" text NOT NULL,
	"refunds" integer NOT NULL,
	"refund_fen" bigint NOT NULL,
	CONSTRAINT "report_refund_daily_coop_id_day_product_id_pk" PRIMARY KEY("coop_id","day","product_id")
);
--> statement-breakpoint
CREATE TABLE "report_streamer_daily" (
	"streamer_id" text NOT NULL,
	"day" date NOT NULL,
	"coop_id" text NOT NULL,
	"orders" integer NOT NULL,
	"units" integer NOT NULL,
	"revenue_fen" bigint NOT NULL,
	CONSTRAINT "report_streamer_daily_streamer_id_day_coop_id_pk" PRIMARY KEY("streamer_id","day","coop_id")
);
--> statement-breakpoint
CREATE INDEX "report_coop_daily_day_idx" ON "report_coop_daily" USING btree ("day");--> statement-breakpoint
CREATE INDEX "report_streamer_daily_day_idx" ON "report_streamer_daily" USING btree ("day");--> statement-breakpoint
CREATE INDEX "orders_placed_idx" ON "orders" USING btree ("placed_at");--> statement-breakpoint
CREATE INDEX "refunds_line_idx" ON "refunds" USING btree ("order_line_id");--> statement-breakpoint
-- Change capture for the report rollups: whatever path changes an order's lines, its status or payment, or a refund
-- of a line, the order (or the refund) is noted here in the same transaction; the sweep folds these into the
-- rollups and every report adds up the lines itself for what is still noted.
CREATE FUNCTION "report_note_lines"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "report_changes" ("order_id") SELECT DISTINCT "order_id" FROM new_rows;
	RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "order_lines_report_insert" AFTER INSERT ON "order_lines"
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "report_note_lines"();--> statement-breakpoint
CREATE TRIGGER "order_lines_report_update" AFTER UPDATE ON "order_lines"
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "report_note_lines"();--> statement-breakpoint
CREATE FUNCTION "report_note_orders"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "report_changes" ("order_id")
		SELECT n."id" FROM new_rows n JOIN old_rows o ON o."id" = n."id"
		WHERE n."status" IS DISTINCT FROM o."status" OR n."placed_at" IS DISTINCT FROM o."placed_at"
			OR n."channel" IS DISTINCT FROM o."channel" OR n."fulfillment" IS DISTINCT FROM o."fulfillment"
			OR n."station_id" IS DISTINCT FROM o."station_id" OR n."buyer_id" IS DISTINCT FROM o."buyer_id";
	RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "orders_report_update" AFTER UPDATE ON "orders"
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "report_note_orders"();--> statement-breakpoint
CREATE FUNCTION "report_note_refunds"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "report_changes" ("order_id", "refund_id")
		SELECT "order_id", "id" FROM new_rows WHERE "order_line_id" IS NOT NULL;
	RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "refunds_report_insert" AFTER INSERT ON "refunds"
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "report_note_refunds"();--> statement-breakpoint
CREATE TRIGGER "refunds_report_update" AFTER UPDATE ON "refunds"
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "report_note_refunds"();--> statement-breakpoint
-- What exists already is built into the rollups by the first sweep.
INSERT INTO "report_changes" ("order_id") SELECT "id" FROM "orders";--> statement-breakpoint
INSERT INTO "report_changes" ("order_id", "refund_id") SELECT "order_id", "id" FROM "refunds" WHERE "order_line_id" IS NOT NULL;
