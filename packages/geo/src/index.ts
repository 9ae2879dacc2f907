// @lastmile/geo: every spatial question of the platform, answered inside PostGIS.
export * from "./coordinates";
export * from "./config";
export * from "./errors";
export * from "./outside";
export { distanceM, isWithin, travelTimeS } from "./measure";
export type { TGeofenceTarget } from "./measure";
export * from "./polygons";
export * from "./zones";
export * from "./areas";
export * from "./merchants";
export * from "./couriers";
export * from "./delivery-slots";
