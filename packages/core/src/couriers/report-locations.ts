// A courier's phone reports where it has been: a batch of fixes, possibly queued offline and
// replayed late or out of order. We keep every believable fix in the history, move the courier
// only forwards in time, and tell the screens that may see the courier — throttled.
import type { TDb } from "@lastmile/db/client";
import { zoneAt } from "@lastmile/geo/zones";

import { conflict, notFound } from "../errors";
import type { TDomainEvent, TEventPublisher } from "../events";
import type { TRejection } from "./rules";
import { MAX_POINTS_PER_REPORT, MAX_SPEED_MPS } from "./rules";
import type { TThrottle } from "./throttle";
import { locationThrottle } from "./throttle";
import type { TIndexedPoint, TLocationPoint } from "./validate";
import { walkAndRecord } from "./record-points";
import { screenPoints } from "./validate";

export type TReportLocationsInput = { courierId: string; points: TLocationPoint[]; now: Date };
export type TReportLocationsResult = { accepted: number; rejected: TRejection[]; moved: boolean };

export async function reportLocations(
  db: TDb,
  events: TEventPublisher,
  input: TReportLocationsInput,
  opts: { throttle?: TThrottle } = {},
): Promise<TReportLocationsResult> {
  if (input.points.length > MAX_POINTS_PER_REPORT)
    throw conflict(
      `Send at most ${MAX_POINTS_PER_REPORT} positions per report; split the queue into several reports.`,
    );
  const { candidates, rejected } = screenPoints(input.points, input.now);
  const { courier, verdicts, moved } = await walkAndRecord(
    db,
    input.courierId,
    candidates,
    MAX_SPEED_MPS,
  );
  if (!courier) throw notFound("Your courier profile");
  // Positions are shared only while on duty (nothing was written); an offline phone's queue is not for us.
  if (courier.status === "offline")
    throw conflict("You are off duty: go on duty to share your location.");

  const kept: TIndexedPoint[] = [];
  for (const p of candidates) {
    const verdict = verdicts.get(p.index);
    if (verdict?.ok) kept.push(p);
    else if (verdict?.duplicate)
      rejected.push({
        index: p.index,
        reason: "duplicate",
        message: `A position recorded at ${p.recordedAt.toISOString()} was already received.`,
      });
    else {
      const kmh = Math.round((verdict?.mps ?? 0) * 3.6);
      rejected.push({
        index: p.index,
        reason: "implausible_speed",
        message: `Reaching this point would mean ${kmh} km/h, more than a ${courier.vehicle} can do (${Math.round(MAX_SPEED_MPS[courier.vehicle] * 3.6)} km/h): a bad GPS fix?`,
      });
    }
  }
  rejected.sort((a, b) => a.index - b.index);
  if (kept.length === 0) return { accepted: 0, rejected, moved: false };

  const orderIds = courier.orderIds;
  const newest = kept[kept.length - 1] as TIndexedPoint;

  if (moved)
    await fanOut(db, events, opts.throttle ?? locationThrottle, {
      courierId: input.courierId,
      homeZoneId: courier.homeZoneId,
      orderIds,
      point: newest,
      nowMs: input.now.getTime(),
    });
  return { accepted: kept.length, rejected, moved };
}

/**
 * The zone each courier was last seen in, per process: when neither that zone's ops channel nor
 * any order channel is due, nothing can be sent and the zone lookup is skipped — with many
 * couriers in a zone, most reports. A courier who crossed into another zone reaches its map
 * when the old zone's window reopens, within a second.
 */
const lastZone = new Map<string, string | null>();

/**
 * An order channel carries one courier, so one position a second per channel is the limit. A
 * zone's live map carries every courier in the zone: limited per channel it would show one of
 * forty couriers moving each second, so there the limit is one position a second per courier.
 */
const opsThrottleKey = (zoneId: string, courierId: string) => `private-ops-${zoneId}#${courierId}`;
const LAST_ZONE_MAX = 100_000;

/**
 * The new position goes to the customers of the orders the courier carries (and only while
 * they carry them: the order ids were read for this report) and to the live map of the zone
 * the courier is in now — the home zone when they are outside every zone.
 */
async function fanOut(
  db: TDb,
  events: TEventPublisher,
  throttle: TThrottle,
  a: {
    courierId: string;
    homeZoneId: string | null;
    orderIds: string[];
    point: TIndexedPoint;
    nowMs: number;
  },
) {
  const known = lastZone.get(a.courierId);
  const orderChannelDue = a.orderIds.some((id) => throttle.due(`private-order-${id}`, a.nowMs));
  if (
    known !== undefined &&
    !orderChannelDue &&
    (known === null || !throttle.due(opsThrottleKey(known, a.courierId), a.nowMs))
  )
    return;
  const zone = await zoneAt(db, { lng: a.point.lng, lat: a.point.lat });
  const zoneId = zone.found ? zone.zone.id : a.homeZoneId;
  if (lastZone.size >= LAST_ZONE_MAX) lastZone.clear();
  lastZone.set(a.courierId, zoneId);
  const channels = [
    ...a.orderIds.map((id) => `private-order-${id}`),
    ...(zoneId ? [`private-ops-${zoneId}`] : []),
  ];
  // Field names follow @lastmile/realtime's courier.location schema.
  const data = {
    courierId: a.courierId,
    lng: a.point.lng,
    lat: a.point.lat,
    heading: a.point.headingDeg ?? null,
    speed: a.point.speedMps ?? null,
    at: a.point.recordedAt.toISOString(),
  };
  const due: TDomainEvent[] = channels
    .filter((c) =>
      throttle.allow(
        zoneId && c === `private-ops-${zoneId}` ? opsThrottleKey(zoneId, a.courierId) : c,
        a.nowMs,
      ),
    )
    .map((channel) => ({ channel, name: "courier.location", data }));
  if (due.length === 0) return;
  // The position is stored; a publisher outage must not fail the report (realtime is a hint).
  try {
    await events.publish(due);
  } catch (error) {
    console.error(`courier.location fan-out failed for ${a.courierId}:`, error);
  }
}
