CREATE TYPE "public"."transfer_status" AS ENUM('pending', 'succeeded', 'failed', 'reversed');--> statement-breakpoint
CREATE TABLE "payment_transfers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"payment_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"payee_type" "payee_type" NOT NULL,
	"payee_id" uuid NOT NULL,
	"destination" text NOT NULL,
	"amount_cents" integer NOT NULL,
	"currency" char(3) NOT NULL,
	"transfer_group" text NOT NULL,
	"status" "transfer_status" DEFAULT 'pending' NOT NULL,
	"provider_ref" text,
	"failure_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payment_transfers_order_payee_key" UNIQUE("order_id","payee_type"),
	CONSTRAINT "payment_transfers_amount_positive" CHECK ("payment_transfers"."amount_cents" > 0)
);
--> statement-breakpoint
ALTER TABLE "merchants" ADD COLUMN "stripe_account_id" text;--> statement-breakpoint
ALTER TABLE "couriers" ADD COLUMN "stripe_account_id" text;--> statement-breakpoint
ALTER TABLE "payment_transfers" ADD CONSTRAINT "payment_transfers_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_transfers" ADD CONSTRAINT "payment_transfers_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "payments_authorized_expiry_idx" ON "payments" USING btree ("authorization_expires_at") WHERE "payments"."status" = 'authorized';