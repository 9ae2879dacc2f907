// Every job the worker runs, one file each.
import type { TJobDefinition } from "../runner";
import { authHousekeepingJob } from "./auth-housekeeping";
import { autoAcceptJob } from "./auto-accept";
import { dailyRollupsJob } from "./daily-rollups";
import { dispatchWaitingOrdersJob } from "./dispatch-waiting-orders";
import { expireOffersJob } from "./expire-offers";
import { merchantAcceptanceTimeoutJob } from "./merchant-acceptance-timeout";
import { expiringAuthorizationsJob, settlePayoutsJob, stripeEventJob, transferSharesJob, unconfirmedCheckoutsJob } from "./payments";
import { pruneLocationsJob } from "./prune-locations";
import { releaseScheduledOrdersJob } from "./release-scheduled-orders";
import { queueHousekeepingJob } from "./queue-housekeeping";
import { resumePausedMerchantsJob } from "./resume-paused-merchants";
import { sendOutboxJob } from "./send-outbox";

export const JOBS: TJobDefinition[] = [
  expireOffersJob,
  dispatchWaitingOrdersJob,
  releaseScheduledOrdersJob,
  // Before the timeout, so an auto-accepting kitchen's order is never cancelled for its silence.
  autoAcceptJob,
  merchantAcceptanceTimeoutJob,
  resumePausedMerchantsJob,
  sendOutboxJob,
  pruneLocationsJob,
  authHousekeepingJob,
  dailyRollupsJob,
  queueHousekeepingJob,
  stripeEventJob,
  transferSharesJob,
  expiringAuthorizationsJob,
  unconfirmedCheckoutsJob,
  settlePayoutsJob,
];
