"use client";
// Where we deliver: the active zones over the city's streets, optionally with the point the
// customer chose (outside every zone, typically).
import type { RouterOutputs } from "@lastmile/api";

import { Map } from "./map";

type TCityMap = RouterOutputs["catalog"]["cityMap"];

export function ZonesMap({
  city,
  point,
  mapboxToken,
  className,
}: {
  city: TCityMap;
  point?: { lng: number; lat: number; label: string };
  mapboxToken?: string;
  className?: string;
}) {
  const zonePoints = city.zones.flatMap((z) => z.coordinates[0] ?? []);
  return (
    <Map
      label="Map of the areas where Lastmile delivers"
      center={city.center}
      zoom={11}
      className={className ?? "h-80"}
      mapboxToken={mapboxToken}
      polygons={city.zones.map((z) => ({ id: z.id, rings: z.coordinates, label: z.name }))}
      lines={city.streets.map((s) => ({ id: s.id, path: s.coordinates, kind: "street" as const }))}
      markers={point ? [{ id: "chosen", at: [point.lng, point.lat], label: point.label, kind: "dropoff" }] : []}
      fitTo={[...zonePoints, ...(point ? [[point.lng, point.lat] as [number, number]] : [])]}
    />
  );
}
