// Merchants of the demo city with their hours, owners, staff and full menus.
import type { TDbOrTx } from "../client";
import { point } from "../geometry";
import {
  menuCategories,
  menuItemModifierGroups,
  menuItems,
  merchantClosures,
  merchantHours,
  merchantMembers,
  merchants,
  modifierGroups,
  modifiers,
  userRoles,
  users,
} from "../schema";
import { MENUS, MERCHANTS } from "./data/catalog";
import type { TMerchantTemplate } from "./data/catalog";
import { weeklyHours } from "./hours";
import type { TSlot } from "./hours";
import { insertBatched } from "./insert";
import { DEMO_LOGINS, DEMO_PASSWORD_HASH, FIRST_NAMES, LAST_NAMES } from "./people";
import type { TPlaces } from "./places";
import type { TRandom } from "./random";

export type TMenuItemSeed = {
  id: string;
  name: string;
  priceCents: number;
  groups: {
    name: string;
    min: number;
    max: number;
    modifiers: { id: string; name: string; priceDeltaCents: number }[];
  }[];
};
export type TMerchantSeed = {
  id: string;
  ownerId: string;
  template: TMerchantTemplate;
  zoneId: string;
  zoneKey: string;
  hours: { weekday: number; slot: TSlot }[];
  items: TMenuItemSeed[];
  commissionBp: number;
};

const slug = (s: string) =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ".")
    .replace(/^\.|\.$/g, "");

export async function seedCatalog(db: TDbOrTx, places: TPlaces, rnd: TRandom, now: Date) {
  const owner = DEMO_LOGINS.find((l) => l.role === "merchant_owner");
  const staffLogin = DEMO_LOGINS.find((l) => l.role === "merchant_staff");
  if (!owner || !staffLogin) throw new Error("demo logins need an owner and a staff member");

  const userRows: (typeof users.$inferInsert)[] = [];
  const roleRows: (typeof userRoles.$inferInsert)[] = [];
  const merchantRows: (typeof merchants.$inferInsert)[] = [];
  const hourRows: (typeof merchantHours.$inferInsert)[] = [];
  const closureRows: (typeof merchantClosures.$inferInsert)[] = [];
  const memberRows: (typeof merchantMembers.$inferInsert)[] = [];
  const categoryRows: (typeof menuCategories.$inferInsert)[] = [];
  const itemRows: (typeof menuItems.$inferInsert)[] = [];
  const groupRows: (typeof modifierGroups.$inferInsert)[] = [];
  const modifierRows: (typeof modifiers.$inferInsert)[] = [];
  const linkRows: (typeof menuItemModifierGroups.$inferInsert)[] = [];
  const seeds: TMerchantSeed[] = [];

  const addMember = (
    merchantId: string,
    role: "owner" | "staff",
    user: { email: string; name: string; demo: boolean },
  ) => {
    const id = rnd.uuid();
    userRows.push({
      id,
      email: user.email,
      name: user.name,
      emailVerified: now,
      passwordHash: user.demo ? DEMO_PASSWORD_HASH : null,
    });
    roleRows.push({
      id: rnd.uuid(),
      userId: id,
      role: role === "owner" ? "merchant_owner" : "merchant_staff",
    });
    memberRows.push({ id: rnd.uuid(), merchantId, userId: id, role });
    return id;
  };

  MERCHANTS.forEach((t, index) => {
    const id = rnd.uuid();
    const zoneId = places.zoneIds.get(t.zoneKey);
    if (!zoneId) throw new Error(`merchant ${t.slug}: unknown zone ${t.zoneKey}`);
    const demo = index === 0;
    // The demo merchant keeps long hours so there is always something on its board.
    const hours = weeklyHours(demo ? "all-day" : t.hours);
    const ownerName = `${rnd.pick(FIRST_NAMES)} ${rnd.pick(LAST_NAMES)}`;
    const ownerId = addMember(
      id,
      "owner",
      demo
        ? { ...owner, demo }
        : { email: `${slug(ownerName)}.${t.slug}@merchants.lastmile.dev`, name: ownerName, demo },
    );
    if (demo) addMember(id, "staff", { ...staffLogin, demo });
    else if (rnd.chance(0.4)) {
      const n = `${rnd.pick(FIRST_NAMES)} ${rnd.pick(LAST_NAMES)}`;
      addMember(id, "staff", {
        email: `${slug(n)}.${t.slug}@merchants.lastmile.dev`,
        name: n,
        demo,
      });
    }
    const commissionBp = rnd.pick([2000, 2500, 2500, 3000]);
    merchantRows.push({
      id,
      slug: t.slug,
      name: t.name,
      description: t.description,
      cuisines: t.cuisines,
      phone: `+35121${rnd.int(1000000, 9999999)}`,
      location: point(...t.location),
      address: t.address,
      areaId: places.municipalityId,
      zoneId,
      timezone: places.timezone,
      currency: places.currency,
      // Two merchants are still waiting for verification, one is suspended.
      status:
        index === MERCHANTS.length - 1
          ? "suspended"
          : index === MERCHANTS.length - 2 || index === MERCHANTS.length - 3
            ? "pending"
            : "verified",
      defaultPrepTimeMin: t.prepTimeMin,
      priceLevel: t.priceLevel,
      deliveryRadiusM: t.deliveryRadiusM,
      freeDeliveryOverCents: t.freeDeliveryOverCents ?? null,
      // The demo kitchen answers by hand, so its board rings and waits for whoever is showing it
      // (the draw is still made: the rest of the seeded city stays the same).
      autoAccept: rnd.chance(0.2) && !demo,
      commissionBp,
    });
    for (const h of hours) {
      hourRows.push({
        id: rnd.uuid(),
        merchantId: id,
        weekday: h.weekday,
        opensAt: h.slot.opensAt,
        closesAt: h.slot.closesAt,
      });
    }
    if (index % 9 === 4) {
      const start = new Date(now.getTime() + rnd.int(3, 20) * 86400000);
      closureRows.push({
        id: rnd.uuid(),
        merchantId: id,
        startsAt: start,
        endsAt: new Date(start.getTime() + rnd.int(1, 3) * 86400000),
        reason: rnd.pick(["Staff holiday", "Kitchen renovation", "Private event"]),
      });
    }

    const menu = MENUS[t.menu];
    if (!menu) throw new Error(`merchant ${t.slug}: unknown menu ${t.menu}`);
    // Each merchant prices the shared menu a little differently.
    const priceFactor = 0.9 + rnd.next() * 0.25;
    const items: TMenuItemSeed[] = [];
    menu.categories.forEach((c, ci) => {
      const categoryId = rnd.uuid();
      categoryRows.push({ id: categoryId, merchantId: id, name: c.name, position: ci });
      c.items.forEach((it, ii) => {
        const itemId = rnd.uuid();
        const priceCents = Math.round((it.priceCents * priceFactor) / 10) * 10;
        const soldOut = rnd.chance(0.03);
        itemRows.push({
          id: itemId,
          merchantId: id,
          categoryId,
          name: it.name,
          description: it.description,
          priceCents,
          currency: places.currency,
          tags: it.tags,
          allergens: it.allergens,
          available: !soldOut,
          stockCount: rnd.chance(0.1) ? rnd.int(0, 25) : null,
          position: ii,
        });
        const groups: TMenuItemSeed["groups"] = [];
        it.modifierGroups.forEach((g, gi) => {
          const groupId = rnd.uuid();
          groupRows.push({
            id: groupId,
            merchantId: id,
            name: g.name,
            minChoices: g.minChoices,
            maxChoices: g.maxChoices,
          });
          linkRows.push({ itemId, groupId, position: gi });
          const mods = g.modifiers.map((m, mi) => {
            const modId = rnd.uuid();
            modifierRows.push({
              id: modId,
              groupId,
              name: m.name,
              priceDeltaCents: m.priceDeltaCents,
              position: mi,
            });
            return { id: modId, name: m.name, priceDeltaCents: m.priceDeltaCents };
          });
          groups.push({ name: g.name, min: g.minChoices, max: g.maxChoices, modifiers: mods });
        });
        if (!soldOut) items.push({ id: itemId, name: it.name, priceCents, groups });
      });
    });
    seeds.push({
      id,
      ownerId,
      template: t,
      zoneId,
      zoneKey: t.zoneKey,
      hours,
      items,
      commissionBp,
    });
  });

  await insertBatched(db, users, userRows);
  await insertBatched(db, userRoles, roleRows);
  await insertBatched(db, merchants, merchantRows);
  await insertBatched(db, merchantMembers, memberRows);
  await insertBatched(db, merchantHours, hourRows);
  await insertBatched(db, merchantClosures, closureRows);
  await insertBatched(db, menuCategories, categoryRows);
  await insertBatched(db, menuItems, itemRows);
  await insertBatched(db, modifierGroups, groupRows);
  await insertBatched(db, modifiers, modifierRows);
  await insertBatched(db, menuItemModifierGroups, linkRows);
  return { merchants: seeds, itemCount: itemRows.length, modifierCount: modifierRows.length };
}
