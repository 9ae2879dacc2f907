// What every side may import: channel names and event schemas. The publisher, the server and
// the React hook have their own entry points (./publisher, ./server, ./react).
export * from "./channels";
export * from "./events";
