export { applyTransition, STATUS_LABEL } from "./apply";
export type { TOrderDeps, TTransitionInput } from "./apply";
export { assignCourier, assignCourierInTx, assignmentEvents } from "./assign";
export type { TAssignInput } from "./assign";
export { systemActor } from "./actor";
export type { TActor } from "./actor";
export { TRANSITIONS, ruleFor } from "./transitions";
export type { TOrderAction } from "./transitions";
export { releaseScheduledOrders } from "./release-scheduled";
