CREATE TYPE "public"."checkout_authentication_status" AS ENUM('requires_action', 'completed', 'failed', 'abandoned');--> statement-breakpoint
CREATE TABLE "checkout_authentications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"idempotency_key" text NOT NULL,
	"order_id" uuid NOT NULL,
	"quote_id" uuid NOT NULL,
	"request_fingerprint" text NOT NULL,
	"request" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"provider" "payment_provider" NOT NULL,
	"provider_ref" text NOT NULL,
	"client_secret" text NOT NULL,
	"amount_cents" integer NOT NULL,
	"currency" char(3) NOT NULL,
	"status" "checkout_authentication_status" DEFAULT 'requires_action' NOT NULL,
	"failure_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "checkout_authentications_customer_key" UNIQUE("customer_id","idempotency_key")
);
--> statement-breakpoint
ALTER TABLE "merchants" ADD COLUMN "new_order_emails" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "payment_transfers" ADD COLUMN "amount_reversed_cents" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "payouts" ADD COLUMN "paid_reference" text;--> statement-breakpoint
ALTER TABLE "payouts" ADD COLUMN "paid_by" uuid;--> statement-breakpoint
ALTER TABLE "checkout_authentications" ADD CONSTRAINT "checkout_authentications_customer_id_users_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkout_authentications" ADD CONSTRAINT "checkout_authentications_quote_id_quotes_id_fk" FOREIGN KEY ("quote_id") REFERENCES "public"."quotes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "checkout_authentications_waiting_idx" ON "checkout_authentications" USING btree ("created_at") WHERE "checkout_authentications"."status" = 'requires_action';--> statement-breakpoint
ALTER TABLE "payouts" ADD CONSTRAINT "payouts_paid_by_users_id_fk" FOREIGN KEY ("paid_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_transfers" ADD CONSTRAINT "payment_transfers_reversed_within" CHECK ("payment_transfers"."amount_reversed_cents" between 0 and "payment_transfers"."amount_cents");