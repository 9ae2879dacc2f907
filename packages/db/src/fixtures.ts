// Small hand-made rows for tests that need a place, a merchant or a person to exist.
import type { TDbOrTx } from "./client";
import { point } from "./geometry";
import type { TPolygon } from "./geometry";
import { areas, merchants, users } from "./schema";

/** A square around Baixa, Lisbon. */
export const BAIXA_SQUARE: TPolygon = {
  type: "Polygon",
  coordinates: [
    [
      [-9.16, 38.7],
      [-9.12, 38.7],
      [-9.12, 38.73],
      [-9.16, 38.73],
      [-9.16, 38.7],
    ],
  ],
};

export async function insertCountry(db: TDbOrTx, slug = "pt") {
  const [row] = await db
    .insert(areas)
    .values({
      level: "country",
      slug,
      name: "Portugal",
      timezone: "Europe/Lisbon",
      currency: "EUR",
      boundary: { type: "MultiPolygon", coordinates: [BAIXA_SQUARE.coordinates] },
    })
    .returning();
  if (!row) throw new Error("insert failed");
  return row;
}

export async function insertMerchant(
  db: TDbOrTx,
  areaId: string,
  values: Partial<typeof merchants.$inferInsert> = {},
) {
  const [row] = await db
    .insert(merchants)
    .values({
      slug: "tasca",
      name: "Tasca",
      location: point(-9.14, 38.71),
      address: "Rua Augusta 1",
      areaId,
      timezone: "Europe/Lisbon",
      currency: "EUR",
      deliveryRadiusM: 2000,
      ...values,
    })
    .returning();
  if (!row) throw new Error("insert failed");
  return row;
}

export async function insertUser(db: TDbOrTx, email = "ana@example.com", name = "Ana") {
  const [row] = await db.insert(users).values({ email, name }).returning();
  if (!row) throw new Error("insert failed");
  return row;
}
