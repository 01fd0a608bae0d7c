CREATE TABLE "ledger_accounts" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"party_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ledger_entries" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ledger_entries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"journal_id" bigint NOT NULL,
	"account_id" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"order_id" text,
	"order_line_id" text,
	"posted_at" timestamp with time zone NOT NULL,
	CONSTRAINT "ledger_entries_amount_nonzero" CHECK ("ledger_entries"."amount_fen" <> 0)
);
--> statement-breakpoint
CREATE TABLE "ledger_journals" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ledger_journals_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"key" text NOT NULL,
	"kind" text NOT NULL,
	"order_id" text,
	"memo" text,
	"actor_id" text,
	"posted_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ledger_statements" (
	"id" text PRIMARY KEY NOT NULL,
	"party_kind" text NOT NULL,
	"party_id" text NOT NULL,
	"period_start" timestamp with time zone NOT NULL,
	"period_end" timestamp with time zone NOT NULL,
	"opening_fen" bigint NOT NULL,
	"closing_fen" bigint NOT NULL,
	"entry_count" integer NOT NULL,
	"settled_at" timestamp with time zone,
	"closed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payout_accounts" (
	"party_kind" text NOT NULL,
	"party_id" text NOT NULL,
	"stripe_account_id" text,
	"status" text DEFAULT 'creating' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payout_accounts_party_kind_party_id_pk" PRIMARY KEY("party_kind","party_id")
);
--> statement-breakpoint
CREATE TABLE "payout_runs" (
	"id" text PRIMARY KEY NOT NULL,
	"started_by" text,
	"payout_count" integer DEFAULT 0 NOT NULL,
	"total_fen" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payouts" (
	"id" text PRIMARY KEY NOT NULL,
	"run_id" text NOT NULL,
	"statement_id" text NOT NULL,
	"party_kind" text NOT NULL,
	"party_id" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"method" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"stripe_account_id" text,
	"transfer_id" text,
	"bank_reference" text,
	"claimed_until" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"paid_at" timestamp with time zone,
	"paid_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payouts_amount_positive" CHECK ("payouts"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "station_remittances" (
	"id" text PRIMARY KEY NOT NULL,
	"station_id" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"reference" text NOT NULL,
	"recorded_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "station_remittances_amount_positive" CHECK ("station_remittances"."amount_fen" > 0)
);
--> statement-breakpoint
ALTER TABLE "cooperatives" ADD COLUMN "platform_fee_bps" integer DEFAULT 300 NOT NULL;--> statement-breakpoint
ALTER TABLE "stations" ADD COLUMN "commission_bps" integer DEFAULT 500 NOT NULL;--> statement-breakpoint
ALTER TABLE "order_lines" ADD COLUMN "station_commission_bps" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "order_lines" ADD COLUMN "platform_fee_bps" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "order_line_id" text;--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "method" text DEFAULT 'provider' NOT NULL;--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "station_id" text;--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "requested_by" text;--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "paid_by" text;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_journal_id_ledger_journals_id_fk" FOREIGN KEY ("journal_id") REFERENCES "public"."ledger_journals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_account_id_ledger_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."ledger_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_journals" ADD CONSTRAINT "ledger_journals_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payout_runs" ADD CONSTRAINT "payout_runs_started_by_users_id_fk" FOREIGN KEY ("started_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payouts" ADD CONSTRAINT "payouts_run_id_payout_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."payout_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payouts" ADD CONSTRAINT "payouts_statement_id_ledger_statements_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."ledger_statements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payouts" ADD CONSTRAINT "payouts_paid_by_users_id_fk" FOREIGN KEY ("paid_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_remittances" ADD CONSTRAINT "station_remittances_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_accounts_kind_party_key" ON "ledger_accounts" USING btree ("kind","party_id");--> statement-breakpoint
CREATE INDEX "ledger_entries_account_idx" ON "ledger_entries" USING btree ("account_id","posted_at","id","amount_fen");--> statement-breakpoint
CREATE INDEX "ledger_entries_journal_idx" ON "ledger_entries" USING btree ("journal_id");--> statement-breakpoint
CREATE INDEX "ledger_entries_order_idx" ON "ledger_entries" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "ledger_entries_line_idx" ON "ledger_entries" USING btree ("order_line_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_journals_key" ON "ledger_journals" USING btree ("key");--> statement-breakpoint
CREATE INDEX "ledger_journals_order_idx" ON "ledger_journals" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "ledger_journals_posted_idx" ON "ledger_journals" USING btree ("posted_at");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_statements_party_period_key" ON "ledger_statements" USING btree ("party_kind","party_id","period_start");--> statement-breakpoint
CREATE INDEX "ledger_statements_open_idx" ON "ledger_statements" USING btree ("period_end") WHERE "ledger_statements"."settled_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "payout_accounts_stripe_key" ON "payout_accounts" USING btree ("stripe_account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payouts_statement_key" ON "payouts" USING btree ("statement_id");--> statement-breakpoint
CREATE INDEX "payouts_party_idx" ON "payouts" USING btree ("party_kind","party_id");--> statement-breakpoint
CREATE INDEX "payouts_status_idx" ON "payouts" USING btree ("status");--> statement-breakpoint
CREATE INDEX "station_remittances_station_idx" ON "station_remittances" USING btree ("station_id");--> statement-breakpoint
CREATE INDEX "refunds_order_idx" ON "refunds" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "refunds_cash_due_idx" ON "refunds" USING btree ("station_id") WHERE "refunds"."method" = 'cash' and "refunds"."status" = 'requested';--> statement-breakpoint
ALTER TABLE "cooperatives" ADD CONSTRAINT "cooperatives_platform_fee_range" CHECK ("cooperatives"."platform_fee_bps" between 0 and 3000);--> statement-breakpoint
ALTER TABLE "stations" ADD CONSTRAINT "stations_commission_range" CHECK ("stations"."commission_bps" between 0 and 2000);--> statement-breakpoint
ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_rates_range" CHECK ("order_lines"."station_commission_bps" >= 0 and "order_lines"."platform_fee_bps" >= 0 and coalesce("order_lines"."commission_bps", 0) >= 0 and coalesce("order_lines"."commission_bps", 0) + "order_lines"."station_commission_bps" + "order_lines"."platform_fee_bps" <= 10000);--> statement-breakpoint
CREATE FUNCTION "ledger_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION '% is append-only: % refused (post a reversing journal instead)', TG_TABLE_NAME, TG_OP
		USING ERRCODE = 'insufficient_privilege';
END
$$;--> statement-breakpoint
CREATE TRIGGER "ledger_journals_no_update_or_delete" BEFORE UPDATE OR DELETE ON "ledger_journals"
	FOR EACH ROW EXECUTE FUNCTION "ledger_append_only"();--> statement-breakpoint
CREATE TRIGGER "ledger_journals_no_truncate" BEFORE TRUNCATE ON "ledger_journals"
	FOR EACH STATEMENT EXECUTE FUNCTION "ledger_append_only"();--> statement-breakpoint
CREATE TRIGGER "ledger_entries_no_update_or_delete" BEFORE UPDATE OR DELETE ON "ledger_entries"
	FOR EACH ROW EXECUTE FUNCTION "ledger_append_only"();--> statement-breakpoint
CREATE TRIGGER "ledger_entries_no_truncate" BEFORE TRUNCATE ON "ledger_entries"
	FOR EACH STATEMENT EXECUTE FUNCTION "ledger_append_only"();--> statement-breakpoint
-- Checked at commit, whoever inserts: a journal's entries sum to zero and there are at least two of them.
CREATE FUNCTION "ledger_check_journal"(journal bigint) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
	total numeric;
	entries integer;
BEGIN
	SELECT coalesce(sum("amount_fen"), 0), count(*) INTO total, entries FROM "ledger_entries" WHERE "journal_id" = journal;
	IF total <> 0 OR entries < 2 THEN
		RAISE EXCEPTION 'ledger journal % does not balance: % fen over % entries', journal, total, entries
			USING ERRCODE = 'check_violation';
	END IF;
END
$$;--> statement-breakpoint
CREATE FUNCTION "ledger_journal_balanced"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM "ledger_check_journal"(NEW."id");
	RETURN NULL;
END
$$;--> statement-breakpoint
CREATE FUNCTION "ledger_entry_journal_balanced"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM "ledger_check_journal"(NEW."journal_id");
	RETURN NULL;
END
$$;--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "ledger_journals_balanced" AFTER INSERT ON "ledger_journals"
	DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "ledger_journal_balanced"();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "ledger_entries_balanced" AFTER INSERT ON "ledger_entries"
	DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "ledger_entry_journal_balanced"();--> statement-breakpoint
-- Lines sold before rates existed take the rates in force now: the platform's default fee and their station's commission.
UPDATE "order_lines" l SET "platform_fee_bps" = c."platform_fee_bps" FROM "cooperatives" c WHERE c."id" = l."coop_id";--> statement-breakpoint
UPDATE "order_lines" l SET "station_commission_bps" = st."commission_bps"
	FROM "orders" o JOIN "stations" st ON st."id" = o."station_id"
	WHERE o."id" = l."order_id" AND o."fulfillment" = 'pickup';
