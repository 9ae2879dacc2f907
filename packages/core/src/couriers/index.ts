export { reportLocations } from "./report-locations";
export type { TReportLocationsInput, TReportLocationsResult } from "./report-locations";
export { CLOCK_SKEW_MS, MAX_POINT_AGE_MS, MAX_POINTS_PER_REPORT, MAX_SPEED_MPS } from "./rules";
export type { TRejection, TRejectReason } from "./rules";
export { createThrottle, locationThrottle } from "./throttle";
export type { TThrottle } from "./throttle";
export type { TLocationPoint } from "./validate";
export { COURIER_PROBLEMS, reportCourierProblem } from "./report-problem";
export type { TCourierProblem, TReportProblemInput } from "./report-problem";
