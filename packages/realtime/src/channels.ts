// The channel families Lastmile publishes on. Every one is private: a browser may join only
// after its portal's /api/pusher/auth has checked that the session owns what the channel is about.
// Names are built and parsed here and nowhere else, so a typo cannot open a channel nobody guards.
import type { TEventName } from "./events";

export const CHANNEL_KINDS = ["order", "merchant", "courier", "ops", "user"] as const;
export type TChannelKind = (typeof CHANNEL_KINDS)[number];

export type TParsedChannel = { kind: TChannelKind; id: string };

// Lowercase canonical UUIDs only (what PostgreSQL prints): one spelling per channel, so two
// names can never mean the same thing and slip past a cache or an authorisation check.
const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const CHANNEL = new RegExp(`^private-(order|merchant|courier|ops|user)-(${UUID})$`);
const UUID_ONLY = new RegExp(`^${UUID}$`);

function build(kind: TChannelKind, id: string) {
  if (!UUID_ONLY.test(id))
    throw new Error(`A ${kind} channel needs a lowercase UUID; got "${id}".`);
  return `private-${kind}-${id}`;
}

/** Status, and the courier's position while the order is with a courier: its customer, courier, kitchen and ops. */
export const orderChannel = (orderId: string) => build("order", orderId);
/** New and changed orders for one restaurant's team. */
export const merchantChannel = (merchantId: string) => build("merchant", merchantId);
/** Offers and assignment changes for one courier. */
export const courierChannel = (courierId: string) => build("courier", courierId);
/** Positions and events for the live map of one service zone. */
export const opsChannel = (zoneId: string) => build("ops", zoneId);

/** One person's own feed (in-app notifications): only that person. */
export const userChannel = (userId: string) => build("user", userId);

/** `private-order-<uuid>` → { kind: "order", id }; anything else (other prefixes, bad ids, padding) → null. */
export function parseChannel(name: unknown): TParsedChannel | null {
  if (typeof name !== "string" || name.length > 200) return null;
  const m = CHANNEL.exec(name);
  if (!m) return null;
  return { kind: m[1] as TChannelKind, id: m[2] as string };
}

/** Which events each channel kind carries: what a screen subscribed to it should listen for. */
export const CHANNEL_EVENTS = {
  order: ["order.status", "order.courier", "order.courier_arrived", "courier.location"],
  merchant: ["order.new", "order.changed", "order.courier_arrived"],
  courier: ["assignment.new", "order.changed", "offer.new", "offer.withdrawn"],
  ops: ["courier.location", "dispatch.alert", "courier.problem"],
  user: ["notification.new"],
} as const satisfies Record<TChannelKind, readonly TEventName[]>;
