// Creating accounts: customers sign up; couriers and restaurants apply and wait for an admin.
// Every request gets the same answer ("check your inbox") whether or not the address already
// has an account — only the email that follows differs, and only its owner reads it. The
// password is hashed in both cases so the answer takes as long either way.
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";

import type { TDb, TDbOrTx } from "@lastmile/db/client";
import { rowsOf } from "@lastmile/db/client";
import { point } from "@lastmile/db/geometry";
import { couriers, merchantMembers, merchants, userRoles, users } from "@lastmile/db/schema";

import type { TAccount } from "../account";
import { findAccountByEmail } from "../account";
import { emails, enqueueEmail } from "../emails";
import { AuthError } from "../errors";
import { hashPassword } from "../password";
import type { TPortal } from "../portals";
import { hitRateLimit, RATE_LIMITS } from "../rate-limit";
import type { TCourierApplication, TCustomerSignUp, TMerchantApplication } from "../schemas";
import { issueToken } from "../tokens";

export type TRegisterContext = { ip: string; now: Date };

/** What every registration answers, whatever happened. */
export type TRegistered = { status: "check-email"; email: string };

/** Input that is fine in shape but cannot be accepted (outside our area, say). */
export class RegistrationInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = "RegistrationInputError";
  }
}

async function emailAllowed(db: TDbOrTx, email: string, now: Date) {
  const r = await hitRateLimit(
    db,
    `email:${email.trim().toLowerCase()}`,
    RATE_LIMITS.emailsPerAddress,
    now,
  );
  return r.allowed;
}

/** Sends (again) the link that confirms an account's address, within the per-address limit. */
export async function sendConfirmation(
  db: TDbOrTx,
  account: Pick<TAccount, "email" | "name">,
  portal: TPortal,
  now: Date,
) {
  if (!(await emailAllowed(db, account.email, now))) return;
  const token = await issueToken(db, { purpose: "confirm-email", email: account.email, now });
  await enqueueEmail(
    db,
    account.email,
    emails.confirmEmail(portal, account.name, account.email, token),
    now,
  );
}

async function limitRegistrations(db: TDbOrTx, ctx: TRegisterContext) {
  const r = await hitRateLimit(db, `register:ip:${ctx.ip}`, RATE_LIMITS.registerPerIp, ctx.now);
  if (!r.allowed) throw new AuthError("rate-limited", String(r.retryAfterS));
}

const isUniqueViolation = (e: unknown): boolean => {
  for (let c: unknown = e; c; c = (c as { cause?: unknown }).cause) {
    if ((c as { code?: string }).code === "23505") return true;
  }
  return false;
};

/**
 * Creates the account with `create` unless the address is taken, and sends the right email.
 * A concurrent registration of the same address loses on the unique index and is answered
 * like any other existing address.
 */
async function register(
  db: TDb,
  email: string,
  portal: TPortal,
  ctx: TRegisterContext,
  create: (tx: TDbOrTx) => Promise<{ name: string }>,
): Promise<TRegistered> {
  const existing = await findAccountByEmail(db, email);
  if (!existing) {
    try {
      await db.transaction(async (tx) => {
        const { name } = await create(tx);
        await sendConfirmation(tx, { email, name }, portal, ctx.now);
      });
      return { status: "check-email", email };
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
  }
  // Written to the address as the account has it, not as typed.
  const owner = existing ?? (await findAccountByEmail(db, email));
  if (owner && (await emailAllowed(db, owner.email, ctx.now))) {
    await enqueueEmail(db, owner.email, emails.accountExists(portal), ctx.now);
  }
  return { status: "check-email", email };
}

async function insertUser(
  tx: TDbOrTx,
  values: { name: string; email: string; phone?: string; passwordHash: string; pending: boolean },
) {
  const [user] = await tx
    .insert(users)
    .values({
      name: values.name,
      email: values.email,
      phone: values.phone,
      passwordHash: values.passwordHash,
      status: values.pending ? "pending" : "active",
    })
    .returning({ id: users.id });
  if (!user) throw new Error("user insert returned nothing");
  return user.id;
}

export async function registerCustomer(
  db: TDb,
  input: TCustomerSignUp,
  ctx: TRegisterContext,
): Promise<TRegistered> {
  await limitRegistrations(db, ctx);
  const passwordHash = await hashPassword(input.password);
  return register(db, input.email, "customer", ctx, async (tx) => {
    const userId = await insertUser(tx, { ...input, passwordHash, pending: false });
    await tx.insert(userRoles).values({ userId, role: "customer" });
    return input;
  });
}

export async function applyAsCourier(
  db: TDb,
  input: TCourierApplication,
  ctx: TRegisterContext,
): Promise<TRegistered> {
  await limitRegistrations(db, ctx);
  const passwordHash = await hashPassword(input.password);
  return register(db, input.email, "courier", ctx, async (tx) => {
    const userId = await insertUser(tx, { ...input, passwordHash, pending: true });
    await tx.insert(userRoles).values({ userId, role: "courier" });
    await tx.insert(couriers).values({ userId, vehicle: input.vehicle });
    return input;
  });
}

/** The most local area (municipality first) containing a point, and the zone serving it. */
async function placeOf(db: TDbOrTx, lng: number, lat: number) {
  const [row] = rowsOf<{
    area_id: string;
    timezone: string;
    currency: string;
    zone_id: string | null;
  }>(
    await db.execute(sql`
      with p as (select ST_SetSRID(ST_MakePoint(${lng}, ${lat}), 4326) as g)
      select a.id as area_id, a.timezone, a.currency,
        (select z.id from service_zones z, p where z.active and ST_Covers(z.boundary, p.g) limit 1) as zone_id
      from areas a, p
      where ST_Covers(a.boundary, p.g)
      order by array_position(array['municipality','district','region','country']::area_level[], a.level)
      limit 1`),
  );
  return row ?? null;
}

const slugify = (s: string) =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 48) || "restaurant";

export async function applyAsMerchant(
  db: TDb,
  input: TMerchantApplication,
  ctx: TRegisterContext,
): Promise<TRegistered> {
  await limitRegistrations(db, ctx);
  // Said before anything about the address, so it reveals nothing about accounts.
  const place = await placeOf(db, input.lng, input.lat);
  if (!place) {
    throw new RegistrationInputError(
      "location",
      "Lastmile doesn't operate at that location yet. Check the coordinates, or write to us to hear when we arrive.",
    );
  }
  const passwordHash = await hashPassword(input.password);
  return register(db, input.email, "merchant", ctx, async (tx) => {
    const userId = await insertUser(tx, { ...input, passwordHash, pending: true });
    await tx.insert(userRoles).values({ userId, role: "merchant_owner" });
    const [merchant] = await tx
      .insert(merchants)
      .values({
        slug: `${slugify(input.restaurantName)}-${randomBytes(3).toString("hex")}`,
        name: input.restaurantName,
        phone: input.phone,
        location: point(input.lng, input.lat),
        address: input.address,
        areaId: place.area_id,
        zoneId: place.zone_id,
        timezone: place.timezone,
        currency: place.currency,
        deliveryRadiusM: 3000,
      })
      .returning({ id: merchants.id });
    if (!merchant) throw new Error("merchant insert returned nothing");
    await tx.insert(merchantMembers).values({ merchantId: merchant.id, userId, role: "owner" });
    return input;
  });
}
