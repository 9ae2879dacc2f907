import { describe, expect, it } from "vitest";

import { decodeEwkb, toEwkt } from "./geometry";

describe("PostGIS values", () => {
  it("decodes the hex EWKB PostgreSQL returns for a point with SRID 4326", () => {
    // select 'SRID=4326;POINT(-9.14 38.71)'::geography
    expect(decodeEwkb("0101000020E610000048E17A14AE4722C07B14AE47E15A4340")).toEqual({
      type: "Point",
      coordinates: [-9.14, 38.71],
    });
  });

  it("decodes a polygon with its ring", () => {
    // select ST_GeomFromText('POLYGON((0 0,1 0,1 1,0 0))', 4326)
    const hex =
      "0103000020E6100000010000000400000000000000000000000000000000000000000000000000F03F0000000000000000000000000000F03F000000000000F03F00000000000000000000000000000000";
    expect(decodeEwkb(hex)).toEqual({
      type: "Polygon",
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 0],
        ],
      ],
    });
  });

  it("writes EWKT tagged with SRID 4326", () => {
    expect(toEwkt({ type: "Point", coordinates: [-9.14, 38.71] })).toBe(
      "SRID=4326;POINT(-9.14 38.71)",
    );
    expect(
      toEwkt({
        type: "MultiPolygon",
        coordinates: [
          [
            [
              [0, 0],
              [1, 0],
              [1, 1],
              [0, 0],
            ],
          ],
        ],
      }),
    ).toBe("SRID=4326;MULTIPOLYGON(((0 0,1 0,1 1,0 0)))");
  });
});
