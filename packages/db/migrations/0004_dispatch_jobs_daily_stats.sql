CREATE TYPE "public"."job_status" AS ENUM('pending', 'failed');--> statement-breakpoint
CREATE TABLE "job_schedules" (
	"name" text PRIMARY KEY NOT NULL,
	"every_s" integer NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"next_run_at" timestamp with time zone NOT NULL,
	"last_enqueued_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "job_schedules_every_positive" CHECK ("job_schedules"."every_s" >= 1)
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" "job_status" DEFAULT 'pending' NOT NULL,
	"run_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 5 NOT NULL,
	"locked_until" timestamp with time zone,
	"locked_by" text,
	"singleton_key" text,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "jobs_attempts_range" CHECK ("jobs"."attempts" >= 0 and "jobs"."max_attempts" >= 1)
);
--> statement-breakpoint
CREATE TABLE "daily_stats" (
	"day" date NOT NULL,
	"merchant_id" uuid NOT NULL,
	"zone_id" uuid,
	"orders" integer DEFAULT 0 NOT NULL,
	"delivered" integer DEFAULT 0 NOT NULL,
	"cancelled" integer DEFAULT 0 NOT NULL,
	"refunded" integer DEFAULT 0 NOT NULL,
	"gmv_cents" integer DEFAULT 0 NOT NULL,
	"tips_cents" integer DEFAULT 0 NOT NULL,
	"avg_delivery_seconds" integer,
	"avg_prep_seconds" integer,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "daily_stats_day_merchant_zone" UNIQUE NULLS NOT DISTINCT("day","merchant_id","zone_id"),
	CONSTRAINT "daily_stats_counts" CHECK ("daily_stats"."orders" >= 0 and "daily_stats"."delivered" >= 0 and "daily_stats"."cancelled" >= 0 and "daily_stats"."refunded" >= 0 and "daily_stats"."gmv_cents" >= 0 and "daily_stats"."tips_cents" >= 0)
);
--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "dispatch_round" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "dispatch_flagged_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "dispatch_flag_reason" text;--> statement-breakpoint
ALTER TABLE "delivery_offers" ADD COLUMN "end_reason" text;--> statement-breakpoint
ALTER TABLE "daily_stats" ADD CONSTRAINT "daily_stats_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "daily_stats" ADD CONSTRAINT "daily_stats_zone_id_service_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."service_zones"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "jobs_due_idx" ON "jobs" USING btree ("run_at") WHERE "jobs"."status" = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "jobs_singleton_pending" ON "jobs" USING btree ("name","singleton_key") WHERE "jobs"."status" = 'pending' and "jobs"."singleton_key" is not null;--> statement-breakpoint
CREATE INDEX "daily_stats_zone_day_idx" ON "daily_stats" USING btree ("zone_id","day");--> statement-breakpoint
CREATE INDEX "courier_locations_received_brin" ON "courier_locations" USING brin ("received_at");--> statement-breakpoint
CREATE INDEX "orders_awaiting_courier_idx" ON "orders" USING btree ("accepted_at") WHERE "orders"."courier_id" is null and "orders"."status" in ('ACCEPTED', 'PREPARING', 'READY_FOR_PICKUP');--> statement-breakpoint
CREATE UNIQUE INDEX "delivery_offers_order_courier_unique" ON "delivery_offers" USING btree ("order_id","courier_id");--> statement-breakpoint
CREATE UNIQUE INDEX "delivery_offers_one_pending_per_courier" ON "delivery_offers" USING btree ("courier_id") WHERE "delivery_offers"."status" = 'pending';--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_dispatch_round_non_negative" CHECK ("orders"."dispatch_round" >= 0);