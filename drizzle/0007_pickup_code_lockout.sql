ALTER TABLE "orders" ADD COLUMN "pickup_failures" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "pickup_locked_at" timestamp with time zone;