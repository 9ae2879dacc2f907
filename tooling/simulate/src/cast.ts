// Who the simulation plays: couriers, restaurants and customers picked from the seeded city,
// each with the session a real sign-in would give them. The people behind the demo logins
// (the demo courier and customer, and Tasca da Prata's team) are left to real users.
import { sql } from "drizzle-orm";

import type { TSession } from "@lastmile/api";
import type { TDb } from "@lastmile/db/client";
import { rowsOf } from "@lastmile/db/client";
import type { TRole } from "@lastmile/db/schema";

import type { TLngLat, TSimVehicle } from "./path";

/** Left for people: the demo logins' courier, customer and restaurant (README, "Demo city and logins"). */
export const HUMAN_EMAILS = ["courier@lastmile.dev", "customer@lastmile.dev", "owner@lastmile.dev", "staff@lastmile.dev"];

export type TCastCourier = { courierId: string; name: string; vehicle: TSimVehicle; at: TLngLat | null; session: TSession };
export type TCastMerchant = { merchantId: string; name: string; slug: string; at: TLngLat; prepTimeMin: number; session: TSession };
export type TCastCustomer = { userId: string; name: string; addresses: { id: string; at: TLngLat }[]; session: TSession };
export type TCast = { couriers: TCastCourier[]; merchants: TCastMerchant[]; customers: TCastCustomer[]; ops: TSession | null };

const list = (xs: string[]) => `{${xs.map((x) => `"${x}"`).join(",")}}`;

/** The session a sign-in would issue for this user: roles, verified merchants, courier profile, scoped areas. */
export async function sessionFor(db: TDb, userId: string): Promise<TSession> {
  const [u] = rowsOf<{ id: string; email: string; name: string; roles: TRole[] | null; area_ids: string[] | null; merchant_ids: string[] | null; courier_id: string | null }>(
    await db.execute(sql`
      select u.id, u.email, u.name,
             (select array_agg(distinct r.role::text) from user_roles r where r.user_id = u.id) as roles,
             (select array_agg(distinct r.area_id) from user_roles r where r.user_id = u.id and r.area_id is not null) as area_ids,
             (select array_agg(mm.merchant_id) from merchant_members mm join merchants m on m.id = mm.merchant_id where mm.user_id = u.id and m.status = 'verified') as merchant_ids,
             (select c.id from couriers c where c.user_id = u.id and c.application_status = 'approved') as courier_id
      from users u where u.id = ${userId}::uuid and u.status = 'active'`),
  );
  if (!u) throw new Error(`simulate: user ${userId} is not an active user`);
  return {
    user: { id: u.id, email: u.email, name: u.name, roles: [...(u.roles ?? [])].sort(), merchantIds: u.merchant_ids ?? [], courierId: u.courier_id, areaIds: u.area_ids ?? [] },
    // Sessions are rebuilt at every start; the simulation never outlives a day.
    expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
  };
}

export async function pickCast(db: TDb, sizes: { couriers: number; merchants: number; customers: number }): Promise<TCast> {
  const humans = list(HUMAN_EMAILS);
  const couriers = rowsOf<{ id: string; user_id: string; name: string; vehicle: TSimVehicle; lng: number | null; lat: number | null }>(
    await db.execute(sql`
      select c.id, c.user_id, split_part(u.name, ' ', 1) as name, c.vehicle::text as vehicle,
             ST_X(c.current_location::geometry) as lng, ST_Y(c.current_location::geometry) as lat
      from couriers c join users u on u.id = c.user_id
      join user_roles r on r.user_id = u.id and r.role = 'courier'
      where c.application_status = 'approved' and u.status = 'active' and lower(u.email) <> all(${humans}::text[])
      order by c.id limit ${sizes.couriers}`),
  );
  // A restaurant is a bot's only when none of its team is a demo login.
  const merchants = rowsOf<{ id: string; name: string; slug: string; lng: number; lat: number; prep: number; owner_id: string }>(
    await db.execute(sql`
      select m.id, m.name, m.slug, ST_X(m.location::geometry) as lng, ST_Y(m.location::geometry) as lat, m.default_prep_time_min as prep,
             (select mm.user_id from merchant_members mm where mm.merchant_id = m.id and mm.role = 'owner' order by mm.user_id limit 1) as owner_id
      from merchants m
      where m.status = 'verified'
        and exists (select 1 from merchant_members mm where mm.merchant_id = m.id and mm.role = 'owner')
        and not exists (select 1 from merchant_members mm join users u on u.id = mm.user_id where mm.merchant_id = m.id and lower(u.email) = any(${humans}::text[]))
      order by m.id limit ${sizes.merchants}`),
  );
  // Customers with at least one address inside an active zone (the others could not order).
  const customers = rowsOf<{ id: string; name: string; addresses: { id: string; lng: number; lat: number }[] }>(
    await db.execute(sql`
      select u.id, split_part(u.name, ' ', 1) as name,
             json_agg(json_build_object('id', a.id, 'lng', ST_X(a.location::geometry), 'lat', ST_Y(a.location::geometry)) order by a.id) as addresses
      from users u
      join user_roles r on r.user_id = u.id and r.role = 'customer'
      join customer_addresses a on a.user_id = u.id
      where u.status = 'active' and lower(u.email) <> all(${humans}::text[])
        and exists (select 1 from service_zones z where z.active and ST_Covers(z.boundary, a.location::geometry))
      group by u.id, u.name order by u.id limit ${sizes.customers}`),
  );
  const [ops] = rowsOf<{ id: string }>(
    await db.execute(sql`select r.user_id as id from user_roles r join users u on u.id = r.user_id where r.role in ('admin', 'super_admin') and u.status = 'active' order by r.role, u.email limit 1`),
  );
  return {
    couriers: await Promise.all(
      couriers.map(async (c) => ({ courierId: c.id, name: c.name, vehicle: c.vehicle, at: c.lng === null || c.lat === null ? null : { lng: Number(c.lng), lat: Number(c.lat) }, session: await sessionFor(db, c.user_id) })),
    ),
    merchants: await Promise.all(merchants.map(async (m) => ({ merchantId: m.id, name: m.name, slug: m.slug, at: { lng: Number(m.lng), lat: Number(m.lat) }, prepTimeMin: Number(m.prep), session: await sessionFor(db, m.owner_id) }))),
    customers: await Promise.all(
      customers.map(async (c) => ({ userId: c.id, name: c.name, addresses: c.addresses.map((a) => ({ id: a.id, at: { lng: Number(a.lng), lat: Number(a.lat) } })), session: await sessionFor(db, c.id) })),
    ),
    ops: ops ? await sessionFor(db, ops.id) : null,
  };
}
