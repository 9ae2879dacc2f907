ALTER TABLE "merchants" ADD COLUMN "free_delivery_over_cents" integer;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "merchant_funded_delivery_cents" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "quotes" ADD COLUMN "merchant_funded_delivery_cents" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "merchants" ADD CONSTRAINT "merchants_free_delivery_positive" CHECK ("merchants"."free_delivery_over_cents" is null or "merchants"."free_delivery_over_cents" > 0);