ALTER TABLE "products" ADD COLUMN "pinyin_syllables" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "pinyin_initials" text DEFAULT '' NOT NULL;