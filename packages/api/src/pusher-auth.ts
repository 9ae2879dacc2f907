// /api/pusher/auth, mounted by every portal: signs a browser's subscription to one private
// channel after checking that the session owns what the channel is about. Anything not
// positively allowed is refused: a channel is a live feed of someone's orders or whereabouts.
//
// CSRF: pusher-js posts a form by default, which an ordinary cross-site <form> could forge with
// the user's cookies. Our client (`@lastmile/realtime/client`, jsonChannelAuthorizer) posts JSON
// instead, so this route applies exactly the rule /api/trpc does — JSON only, from the portal's
// own origin — rather than a looser one for form posts.
import { eq } from "drizzle-orm";
import { z } from "zod";

import { areasCoverZone } from "@lastmile/core/areas";
import { getDb } from "@lastmile/db/client";
import type { TDbOrTx } from "@lastmile/db/client";
import { orders, serviceZones } from "@lastmile/db/schema";
import type { TRole } from "@lastmile/db/schema";
import { parseChannel } from "@lastmile/realtime/channels";
import type { TParsedChannel } from "@lastmile/realtime/channels";
import { authorizeChannel } from "@lastmile/realtime/publisher";

import { csrfRefusal } from "./http";
import { hasPermission, permissionsOf } from "./permissions";
import type { TSession } from "./trpc";

type TUser = NonNullable<TSession>["user"];

const ZAuthRequest = z.object({
  socket_id: z.string().regex(/^\d{1,20}\.\d{1,20}$/, "socket_id must look like 1234.5678"),
  channel_name: z.string().min(1).max(200),
});

const STAFF: TRole[] = ["support", "ops_manager", "admin", "super_admin"];
const KITCHEN: TRole[] = ["merchant_owner", "merchant_staff"];

function reply(status: number, body: unknown) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", "cache-control": "no-store" },
  });
}
const refuse = (status: number, message: string) => reply(status, { error: { message } });

const has = (user: TUser, roles: TRole[]) => user.roles.some((r) => roles.includes(r));

/** Why `user` may not follow `channel`, or null when they may. */
export async function channelRefusal(
  db: TDbOrTx,
  user: TUser,
  channel: TParsedChannel,
): Promise<string | null> {
  switch (channel.kind) {
    case "user":
      return user.id === channel.id ? null : "Only you can follow your own notifications.";
    case "courier":
      return user.roles.includes("courier") && user.courierId === channel.id
        ? null
        : "Only that courier can follow their offers and assignments.";
    case "merchant":
      return has(user, KITCHEN) && user.merchantIds.includes(channel.id)
        ? null
        : "Only that restaurant's team can follow its orders.";
    case "order": {
      const [o] = await db
        .select({
          customerId: orders.customerId,
          merchantId: orders.merchantId,
          courierId: orders.courierId,
          zoneId: orders.zoneId,
        })
        .from(orders)
        .where(eq(orders.id, channel.id));
      // The same words whether the order is missing or someone else's: ids are not probed.
      const notYours = "You can follow only orders you placed, prepare, carry or oversee.";
      if (!o) return notYours;
      if (user.roles.includes("customer") && o.customerId === user.id) return null;
      if (has(user, KITCHEN) && user.merchantIds.includes(o.merchantId)) return null;
      if (
        user.roles.includes("courier") &&
        user.courierId !== null &&
        o.courierId === user.courierId
      )
        return null;
      // Staff see orders as orders.get lets them: everywhere, or an ops manager within their areas.
      if (user.roles.some((r) => STAFF.includes(r) && r !== "ops_manager")) return null;
      if (user.roles.includes("ops_manager") && (await areasCoverZone(db, user.areaIds, o.zoneId)))
        return null;
      return notYours;
    }
    case "ops": {
      const held = STAFF.filter((r) => user.roles.includes(r));
      // The ops feed carries courier positions: the permission admin.liveMap needs to show them.
      if (held.length === 0 || !hasPermission(await permissionsOf(db, held), "courier:read:area"))
        return "Only operations staff who may see couriers can follow a zone's live map.";
      const [zone] = await db
        .select({ id: serviceZones.id })
        .from(serviceZones)
        .where(eq(serviceZones.id, channel.id));
      if (!zone) return "That service zone does not exist.";
      // Anyone above an ops manager sees every zone; an ops manager only the zones under their areas.
      if (held.some((r) => r !== "ops_manager")) return null;
      return (await areasCoverZone(db, user.areaIds, channel.id))
        ? null
        : "That zone is outside the areas you manage.";
    }
  }
}

export type TPusherAuthOptions = { db?: TDbOrTx };

/** The route handler, given the portal's getSession (the same one its /api/trpc uses). */
export function createPusherAuthHandler(
  getSession: (req: Request) => Promise<TSession>,
  options: TPusherAuthOptions = {},
) {
  return async (req: Request): Promise<Response> => {
    if (req.method !== "POST") return refuse(405, "Channel authorisation is a POST.");
    const csrf = csrfRefusal(req);
    if (csrf) return csrf;
    let body: unknown;
    try {
      body = await req.json();
    } catch {
      return refuse(400, 'The body must be JSON: {"socket_id": "…", "channel_name": "…"}.');
    }
    const parsed = ZAuthRequest.safeParse(body);
    if (!parsed.success)
      return refuse(
        400,
        `Bad channel authorisation request: ${z.prettifyError(parsed.error).replace(/\n/g, "; ")}`,
      );
    const channel = parseChannel(parsed.data.channel_name);
    if (!channel)
      return refuse(
        400,
        `"${parsed.data.channel_name.slice(0, 80)}" is not a channel Lastmile serves.`,
      );
    const session = await getSession(req);
    if (!session) return refuse(401, "Sign in to receive live updates.");
    const why = await channelRefusal(options.db ?? getDb(), session.user, channel);
    if (why) return refuse(403, why);
    return reply(200, authorizeChannel(parsed.data.socket_id, parsed.data.channel_name));
  };
}
