// The server-side cart: one per customer, one merchant at a time, surviving reloads and devices.
import { createHash } from "node:crypto";

import { and, asc, eq } from "drizzle-orm";

import type { TDb, TDbOrTx } from "@lastmile/db/client";
import { cartItems, carts, merchants } from "@lastmile/db/schema";

import { DomainError, invalid, notFound } from "../errors";
import type { TPricedLine } from "./menu-line";
import { priceLine } from "./menu-line";

export type TCartLine = TPricedLine & { lineId: string; notes: string | null };
export type TCart = { merchantId: string | null; merchantName: string | null; lines: TCartLine[]; subtotalCents: number; fingerprint: string };

const ZERO: TCart = { merchantId: null, merchantName: null, lines: [], subtotalCents: 0, fingerprint: "empty" };

/** The cart as it would be priced now; a line that no longer prices (sold out) raises. */
export async function getCart(db: TDbOrTx, customerId: string): Promise<TCart> {
  const [cart] = await db
    .select({ id: carts.id, merchantId: carts.merchantId, merchantName: merchants.name })
    .from(carts)
    .innerJoin(merchants, eq(merchants.id, carts.merchantId))
    .where(eq(carts.customerId, customerId));
  if (!cart) return ZERO;
  const rows = await db.select().from(cartItems).where(eq(cartItems.cartId, cart.id)).orderBy(asc(cartItems.createdAt), asc(cartItems.id));
  const lines: TCartLine[] = [];
  for (const r of rows) {
    const priced = await priceLine(db, { itemId: r.itemId, modifierIds: r.modifierIds, quantity: r.quantity });
    lines.push({ ...priced, lineId: r.id, notes: r.notes });
  }
  const subtotalCents = lines.reduce((s, l) => s + l.lineTotalCents, 0);
  return { merchantId: cart.merchantId, merchantName: cart.merchantName, lines, subtotalCents, fingerprint: fingerprintOf(cart.merchantId, lines) };
}

/** What a quote promised: the same lines at the same prices hash the same. */
export function fingerprintOf(merchantId: string, lines: Pick<TCartLine, "itemId" | "modifierIds" | "quantity" | "unitPriceCents">[]) {
  const canonical = lines.map((l) => `${l.itemId}:${l.modifierIds.join(",")}:${l.quantity}:${l.unitPriceCents}`).sort().join("|");
  return createHash("sha256").update(`${merchantId}|${canonical}`).digest("hex");
}

export async function addToCart(
  db: TDb,
  customerId: string,
  input: { itemId: string; modifierIds: string[]; quantity: number; notes?: string; replaceCart?: boolean },
) {
  if (!Number.isInteger(input.quantity) || input.quantity < 1 || input.quantity > 50) throw invalid("quantity", "Quantity must be between 1 and 50.");
  return db.transaction(async (tx) => {
    const line = await priceLine(tx, input);
    const [m] = await tx.select({ status: merchants.status, name: merchants.name }).from(merchants).where(eq(merchants.id, line.merchantId));
    if (!m || m.status !== "verified") throw notFound("That restaurant");
    const [existing] = await tx.select().from(carts).where(eq(carts.customerId, customerId));
    if (existing && existing.merchantId !== line.merchantId) {
      if (!input.replaceCart) {
        throw new DomainError("Conflict", "Your cart has dishes from another restaurant. Start a new cart to order from this one.", { field: "replaceCart", details: { reason: "other_merchant" } });
      }
      await tx.delete(carts).where(eq(carts.id, existing.id));
    }
    const [cart] = existing && existing.merchantId === line.merchantId
      ? [existing]
      : await tx.insert(carts).values({ customerId, merchantId: line.merchantId }).returning();
    if (!cart) throw new Error("cart insert failed");
    await tx.insert(cartItems).values({ cartId: cart.id, itemId: line.itemId, quantity: input.quantity, modifierIds: line.modifierIds, notes: input.notes?.trim() || null });
    await tx.update(carts).set({ updatedAt: new Date() }).where(eq(carts.id, cart.id));
    return getCart(tx, customerId);
  });
}

export async function updateCartLine(db: TDb, customerId: string, input: { lineId: string; quantity: number; notes?: string | null }) {
  if (!Number.isInteger(input.quantity) || input.quantity < 0 || input.quantity > 50) throw invalid("quantity", "Quantity must be between 0 and 50.");
  return db.transaction(async (tx) => {
    const [line] = await tx
      .select({ id: cartItems.id, cartId: cartItems.cartId })
      .from(cartItems)
      .innerJoin(carts, eq(carts.id, cartItems.cartId))
      .where(and(eq(cartItems.id, input.lineId), eq(carts.customerId, customerId)));
    if (!line) throw notFound("That cart line");
    if (input.quantity === 0) await tx.delete(cartItems).where(eq(cartItems.id, line.id));
    else await tx.update(cartItems).set({ quantity: input.quantity, ...(input.notes !== undefined ? { notes: input.notes?.trim() || null } : {}) }).where(eq(cartItems.id, line.id));
    const left = await tx.select({ id: cartItems.id }).from(cartItems).where(eq(cartItems.cartId, line.cartId));
    if (left.length === 0) await tx.delete(carts).where(eq(carts.id, line.cartId));
    return getCart(tx, customerId);
  });
}

export async function clearCart(db: TDbOrTx, customerId: string) {
  await db.delete(carts).where(eq(carts.customerId, customerId));
}
