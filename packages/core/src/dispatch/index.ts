// Dispatch: offering accepted orders to couriers, and their answers.
export { runDispatchRound, radiusForRound, AWAITING_COURIER } from "./round";
export type { TRoundOutcome } from "./round";
export { acceptOffer, declineOffer } from "./respond";
export type { TOfferAnswer } from "./respond";
export { listOpenOffers } from "./offers";
export type { TOpenOffer } from "./offers";
export { expireDueOffers, dispatchWaitingOrders } from "./sweep";
export { rankCandidates, scoreCandidate, SCORE_WEIGHTS } from "./score";
export type { TCandidate, TScore } from "./score";
export { dispatchBoard, redispatchOrder } from "./board";
export { offerOrderToCourier } from "./directed";
export type { TDirectedOfferInput } from "./directed";
export type { TDispatchBoardRow } from "./board";
