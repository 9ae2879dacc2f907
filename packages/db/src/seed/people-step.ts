// Everyone in the demo city: staff with each role, customers with saved addresses (a few
// outside every zone), merchant owners and staff, and couriers spread over the zones.
import type { TDbOrTx } from "../client";
import { point } from "../geometry";
import type { TLngLat } from "../geometry";
import { couriers, customerAddresses, userRoles, users } from "../schema";
import type { TRole, TVehicle } from "../schema";
import type { TCity } from "./city";
import { insertBatched } from "./insert";
import { DEMO_LOGINS, DEMO_PASSWORD_HASH, FIRST_NAMES, LAST_NAMES } from "./people";
import type { TPlaces } from "./places";
import { randomPointsInZone } from "./points";
import type { TRandom } from "./random";

export const CUSTOMER_COUNT = 72;
export const COURIER_COUNT = 240;

/** Addresses that no service zone covers: across the river, and beyond the city line. */
const OUTSIDE_ADDRESSES: { line1: string; postcode: string; city: string; at: TLngLat }[] = [
  { line1: "Rua Capitão Leitão 45", postcode: "2800-133", city: "Almada", at: [-9.1569, 38.679] },
  {
    line1: "Avenida Dom Nuno Álvares Pereira 12",
    postcode: "2800-180",
    city: "Almada",
    at: [-9.1602, 38.6745],
  },
  { line1: "Rua Elias Garcia 310", postcode: "2700-327", city: "Amadora", at: [-9.2302, 38.7538] },
  {
    line1: "Rua Guilherme Gomes Fernandes 8",
    postcode: "2675-372",
    city: "Odivelas",
    at: [-9.1832, 38.7929],
  },
];

export type TCustomerSeed = { id: string; addresses: { id: string; zoneKey: string | null }[] };
export type TCourierSeed = {
  id: string;
  userId: string;
  vehicle: TVehicle;
  zoneKey: string;
  approved: boolean;
};
export type TPeople = {
  staff: Map<TRole, string>;
  customers: TCustomerSeed[];
  couriers: TCourierSeed[];
  demoCustomerId: string;
  demoCourierId: string;
};

type TUserRow = typeof users.$inferInsert;

export async function seedPeople(
  db: TDbOrTx,
  city: TCity,
  places: TPlaces,
  rnd: TRandom,
  now: Date,
): Promise<TPeople> {
  const userRows: TUserRow[] = [];
  const roleRows: (typeof userRoles.$inferInsert)[] = [];
  const emails = new Set<string>();
  const person = (prefix: string) => {
    const first = rnd.pick(FIRST_NAMES);
    const last = rnd.pick(LAST_NAMES);
    const base = `${first}.${last}`
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase();
    let email = `${base}@${prefix}.lastmile.dev`;
    for (let i = 2; emails.has(email); i++) email = `${base}${i}@${prefix}.lastmile.dev`;
    emails.add(email);
    return { name: `${first} ${last}`, email };
  };
  const addUser = (u: Omit<TUserRow, "id">, role: TRole, areaId?: string) => {
    const id = rnd.uuid();
    userRows.push({ ...u, id, emailVerified: now });
    roleRows.push({ id: rnd.uuid(), userId: id, role, areaId: areaId ?? null });
    return id;
  };

  const staff = new Map<TRole, string>();
  for (const login of DEMO_LOGINS) {
    if (login.role === "merchant_owner" || login.role === "merchant_staff") continue; // with their merchant
    const id = addUser(
      { email: login.email, name: login.name, passwordHash: DEMO_PASSWORD_HASH },
      login.role,
      login.role === "ops_manager" ? places.municipalityId : undefined,
    );
    staff.set(login.role, id);
  }

  const zoneKeys = city.zones.map((z) => z.properties.key);
  const streetsByZone = new Map<string, string[]>();
  for (const s of city.streets) {
    const key = s.properties.zoneKey ?? "";
    streetsByZone.set(key, [...(streetsByZone.get(key) ?? []), s.properties.name]);
  }
  const allStreets = city.streets.map((s) => s.properties.name);

  // Customers: the demo customer first, then the rest, each with one or two addresses.
  const customerIds: string[] = [staff.get("customer") as string];
  for (let i = 1; i < CUSTOMER_COUNT; i++) {
    const p = person("customers");
    customerIds.push(
      addUser(
        { email: p.email, name: p.name, phone: `+3519${rnd.int(10000000, 69999999)}` },
        "customer",
      ),
    );
  }
  const customers: TCustomerSeed[] = customerIds.map((id) => ({ id, addresses: [] }));
  const plannedAddresses: {
    customer: TCustomerSeed;
    zoneKey: string;
    label: string;
    isDefault: boolean;
  }[] = [];
  customers.forEach((c, i) => {
    const home = i === 0 ? "baixa-chiado" : (zoneKeys[i % zoneKeys.length] as string);
    plannedAddresses.push({ customer: c, zoneKey: home, label: "Home", isDefault: true });
    if (i === 0 || rnd.chance(0.35)) {
      const work = i === 0 ? "avenidas-novas" : rnd.pick(zoneKeys);
      plannedAddresses.push({ customer: c, zoneKey: work, label: "Work", isDefault: false });
    }
  });
  const pointsByZone = new Map<string, TLngLat[]>();
  for (const [zi, key] of zoneKeys.entries()) {
    const need = plannedAddresses.filter((a) => a.zoneKey === key).length;
    const zoneId = places.zoneIds.get(key) as string;
    pointsByZone.set(key, await randomPointsInZone(db, zoneId, need, 1000 + zi));
  }
  const addressRows: (typeof customerAddresses.$inferInsert)[] = plannedAddresses.map((a) => {
    const at = pointsByZone.get(a.zoneKey)?.shift();
    if (!at) throw new Error(`no generated point left in ${a.zoneKey}`);
    const id = rnd.uuid();
    a.customer.addresses.push({ id, zoneKey: a.zoneKey });
    return {
      id,
      userId: a.customer.id,
      label: a.label,
      line1: `${rnd.pick(streetsByZone.get(a.zoneKey) ?? allStreets)} ${rnd.int(1, 240)}`,
      line2: rnd.chance(0.6) ? `${rnd.int(1, 7)}º ${rnd.pick(["Esq.", "Dto.", "A", "B"])}` : null,
      postcode: `1${rnd.int(0, 9)}${rnd.int(0, 9)}0-${String(rnd.int(1, 999)).padStart(3, "0")}`,
      city: "Lisboa",
      location: point(...at),
      isDefault: a.isDefault,
    };
  });
  // A few customers also keep an address we cannot deliver to.
  OUTSIDE_ADDRESSES.forEach((o, i) => {
    const customer = customers[3 + i * 7] as TCustomerSeed;
    const id = rnd.uuid();
    customer.addresses.push({ id, zoneKey: null });
    addressRows.push({
      id,
      userId: customer.id,
      label: "Family",
      line1: o.line1,
      postcode: o.postcode,
      city: o.city,
      location: point(...o.at),
    });
  });

  // Couriers: evenly spread over zones, a realistic vehicle mix, a few awaiting approval.
  const vehicles: (readonly [TVehicle, number])[] = [
    ["bicycle", 25],
    ["ebike", 25],
    ["scooter", 20],
    ["motorbike", 20],
    ["car", 5],
    ["foot", 5],
  ];
  const courierSeeds: TCourierSeed[] = [];
  const demoCourierUser = staff.get("courier") as string;
  for (let i = 0; i < COURIER_COUNT; i++) {
    const userId =
      i === 0
        ? demoCourierUser
        : (() => {
            const p = person("couriers");
            return addUser(
              { email: p.email, name: p.name, phone: `+3519${rnd.int(10000000, 69999999)}` },
              "courier",
            );
          })();
    const approved = i === 0 || !(i % 24 === 5 || i % 48 === 11);
    courierSeeds.push({
      id: rnd.uuid(),
      userId,
      vehicle: i === 0 ? "ebike" : rnd.weighted(vehicles),
      zoneKey: i === 0 ? "baixa-chiado" : (zoneKeys[i % zoneKeys.length] as string),
      approved,
    });
  }

  await insertBatched(db, users, userRows);
  await insertBatched(db, userRoles, roleRows);
  await insertBatched(db, customerAddresses, addressRows);

  const courierPoints = new Map<string, TLngLat[]>();
  for (const [zi, key] of zoneKeys.entries()) {
    const n = courierSeeds.filter((c) => c.zoneKey === key).length;
    courierPoints.set(
      key,
      await randomPointsInZone(db, places.zoneIds.get(key) as string, n, 2000 + zi),
    );
  }
  const courierRows: (typeof couriers.$inferInsert)[] = courierSeeds.map((c, i) => {
    const at = courierPoints.get(c.zoneKey)?.shift() as TLngLat;
    // About 30 % of approved couriers are on duty with a fresh position; the rest were last
    // seen hours or days ago. The demo courier starts off duty.
    const online = c.approved && i !== 0 && rnd.chance(0.3);
    const lastSeen = online
      ? new Date(now.getTime() - rnd.int(1, 40) * 1000)
      : new Date(now.getTime() - rnd.int(2 * 3600, 5 * 86400) * 1000);
    return {
      id: c.id,
      userId: c.userId,
      vehicle: c.vehicle,
      status: online ? "online" : "offline",
      applicationStatus: c.approved ? "approved" : i % 48 === 11 ? "suspended" : "pending",
      homeZoneId: places.zoneIds.get(c.zoneKey) ?? null,
      currentLocation: c.approved ? point(...at) : null,
      headingDeg: c.approved ? rnd.int(0, 359) : null,
      speedMps: online ? Number((rnd.next() * 6).toFixed(1)) : 0,
      accuracyM: c.approved ? rnd.int(4, 30) : null,
      lastSeenAt: c.approved ? lastSeen : null,
      capacity: c.vehicle === "car" || c.vehicle === "motorbike" ? 2 : 1,
    };
  });
  await insertBatched(db, couriers, courierRows);

  return {
    staff,
    customers,
    couriers: courierSeeds,
    demoCustomerId: customerIds[0] as string,
    demoCourierId: (courierSeeds[0] as TCourierSeed).id,
  };
}
