// Every event Lastmile publishes, by name, with its payload schema. Payloads are hints — ids,
// a status, a version, a position — never whole records: clients refetch the truth over tRPC, and
// Pusher refuses messages over 10 KB.
// zod/mini: browsers validate live messages with these schemas (the tracking page checks every
// courier position), and the mini build costs a page a fraction of classic zod.
import * as z from "zod/mini";

export const MAX_EVENT_BYTES = 10 * 1024;

export const ORDER_STATUSES = [
  "PENDING",
  "ACCEPTED",
  "PREPARING",
  "READY_FOR_PICKUP",
  "PICKED_UP",
  "DELIVERED",
  "CANCELLED",
  "REFUNDED",
  "DISPUTED",
] as const;

const ZId = z.uuid();
const ZStatus = z.enum(ORDER_STATUSES);
const ZVersion = z.int().check(z.minimum(0));
const ZLng = z.number().check(z.minimum(-180), z.maximum(180));
const ZLat = z.number().check(z.minimum(-90), z.maximum(90));
const ZPoint = z.object({ lng: ZLng, lat: ZLat });
const ZAt = z.union([z.iso.datetime({ offset: true }), z.int().check(z.positive())]);

/** The order moved to a new state (order channel). */
export const ZOrderStatusEvent = z.object({ orderId: ZId, status: ZStatus, version: ZVersion });
/** A courier was put on the order (order channel). */
export const ZOrderCourierEvent = z.object({ orderId: ZId, courierId: ZId });
/** A new order reached the kitchen (merchant channel). */
export const ZOrderNewEvent = z.object({
  orderId: ZId,
  number: z.union([z.string().check(z.maxLength(40)), z.int()]),
});
/** Something about an order changed: refetch it (merchant and courier channels; couriers get no version). */
export const ZOrderChangedEvent = z.object({
  orderId: ZId,
  status: ZStatus,
  version: z.optional(ZVersion),
});
/** The courier reached the restaurant or the customer's door, inside its geofence (order and merchant channels). */
export const ZOrderCourierArrivedEvent = z.object({
  orderId: ZId,
  place: z.enum(["pickup", "dropoff"]),
  at: ZAt,
});
/** The courier has a new order to carry (courier channel). */
export const ZAssignmentNewEvent = z.object({ orderId: ZId });
/** Where a courier is (order channel while carrying it, ops channel of the zone). */
export const ZCourierLocationEvent = z.object({
  courierId: z.optional(ZId),
  lng: ZLng,
  lat: ZLat,
  heading: z.nullable(z.number().check(z.minimum(0), z.maximum(360))),
  speed: z.nullable(z.number().check(z.minimum(0))),
  at: ZAt,
});
/** Dispatch offers the courier an order until `expiresAt` (courier channel). */
export const ZOfferNewEvent = z.object({
  offerId: ZId,
  orderId: ZId,
  expiresAt: ZAt,
  pickup: z.extend(ZPoint, { name: z.optional(z.string().check(z.maxLength(200))) }),
  dropoff: ZPoint,
  distanceM: z.int().check(z.minimum(0)),
  feeCents: z.int().check(z.minimum(0)),
});
/** The offer is gone: taken, declined, expired or cancelled (courier channel). */
export const ZOfferWithdrawnEvent = z.object({
  offerId: ZId,
  orderId: ZId,
  reason: z.optional(z.string().check(z.maxLength(40))),
});

/** Dispatch ran out of couriers for an order and needs a person (ops channel of the zone). */
export const ZDispatchAlertEvent = z.object({
  orderId: ZId,
  orderNumber: z.union([z.string().check(z.maxLength(40)), z.int()]),
  merchantId: ZId,
  round: z.int().check(z.minimum(0)),
  radiusM: z.number().check(z.minimum(0)),
  reason: z.string().check(z.maxLength(500)),
});

/** A courier reports a problem with an order they carry and needs a person (ops channel of the zone). */
export const ZCourierProblemEvent = z.object({
  orderId: ZId,
  orderNumber: z.union([z.string().check(z.maxLength(40)), z.int()]),
  merchantId: ZId,
  courierId: ZId,
  problem: z.string().check(z.maxLength(40)),
  /** The problem in words, with the courier's note if they wrote one. */
  reason: z.string().check(z.maxLength(500)),
  at: ZAt,
});
/** A new in-app notification for the channel's person (user channel): refetch the bell. */
export const ZNotificationNewEvent = z.object({
  kind: z.string().check(z.maxLength(60)),
  orderId: z.optional(ZId),
});

export const EVENT_SCHEMAS = {
  "order.status": ZOrderStatusEvent,
  "order.courier": ZOrderCourierEvent,
  "order.new": ZOrderNewEvent,
  "order.changed": ZOrderChangedEvent,
  "order.courier_arrived": ZOrderCourierArrivedEvent,
  "assignment.new": ZAssignmentNewEvent,
  "courier.location": ZCourierLocationEvent,
  "offer.new": ZOfferNewEvent,
  "offer.withdrawn": ZOfferWithdrawnEvent,
  "dispatch.alert": ZDispatchAlertEvent,
  "courier.problem": ZCourierProblemEvent,
  "notification.new": ZNotificationNewEvent,
} as const;

export type TEventName = keyof typeof EVENT_SCHEMAS;
export type TEventData<N extends TEventName> = z.infer<(typeof EVENT_SCHEMAS)[N]>;
export type TOrderStatusEvent = z.infer<typeof ZOrderStatusEvent>;
export type TOrderCourierEvent = z.infer<typeof ZOrderCourierEvent>;
export type TOrderNewEvent = z.infer<typeof ZOrderNewEvent>;
export type TOrderChangedEvent = z.infer<typeof ZOrderChangedEvent>;
export type TAssignmentNewEvent = z.infer<typeof ZAssignmentNewEvent>;
export type TCourierLocationEvent = z.infer<typeof ZCourierLocationEvent>;
export type TOfferNewEvent = z.infer<typeof ZOfferNewEvent>;
export type TOfferWithdrawnEvent = z.infer<typeof ZOfferWithdrawnEvent>;
export type TDispatchAlertEvent = z.infer<typeof ZDispatchAlertEvent>;
export type TOrderCourierArrivedEvent = z.infer<typeof ZOrderCourierArrivedEvent>;
export type TCourierProblemEvent = z.infer<typeof ZCourierProblemEvent>;
export type TNotificationNewEvent = z.infer<typeof ZNotificationNewEvent>;

// Which events each channel kind carries lives with the channels (no zod there: browsers load it).
export { CHANNEL_EVENTS } from "./channels";

export const isEventName = (name: string): name is TEventName => Object.hasOwn(EVENT_SCHEMAS, name);

/** The payload checked against its schema; a reason when it does not fit or the name is unknown. */
export function parseEvent(
  name: string,
  data: unknown,
): { ok: true; name: TEventName; data: unknown } | { ok: false; reason: string } {
  if (!isEventName(name)) return { ok: false, reason: `unknown event "${name}"` };
  const parsed = EVENT_SCHEMAS[name].safeParse(data);
  if (!parsed.success)
    return { ok: false, reason: `${name}: ${z.prettifyError(parsed.error).replace(/\n/g, "; ")}` };
  return { ok: true, name, data: parsed.data };
}
