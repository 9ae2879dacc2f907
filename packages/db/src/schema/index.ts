// The whole Lastmile schema, one file per domain.
export * from "./identity";
export * from "./areas";
export * from "./merchants";
export * from "./menus";
export * from "./customers";
export * from "./couriers";
export * from "./orders";
export * from "./quotes";
export * from "./dispatch";
export * from "./payments";
export * from "./engagement";
export * from "./outbox";
export * from "./config";
export * from "./audit";
export * from "./auth";
export * from "./relations";
