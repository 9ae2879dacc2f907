ALTER TABLE "users" ADD COLUMN "email_muted_kinds" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "release_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "released_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "orders_scheduled_release_idx" ON "orders" USING btree ("release_at") WHERE "orders"."released_at" is null and "orders"."status" = 'PENDING' and "orders"."scheduled_for" is not null;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_release_with_slot" CHECK (("orders"."scheduled_for" is null) = ("orders"."release_at" is null));