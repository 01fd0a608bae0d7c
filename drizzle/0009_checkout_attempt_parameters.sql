ALTER TABLE "payments" ADD COLUMN "request" jsonb;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "expires_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "payments_status_idx" ON "payments" USING btree ("status");