export { openSupportCases } from "./queue";
export type { TSupportCase, TSupportCaseKind } from "./queue";
export { decideRefundRequest, resolveProblemReport } from "./decide";
export type { TProblemResolution, TRefundDecision } from "./decide";
