// pusher-js (its default build) connected the Lastmile way: what Node, the tests and the benches
// use. A portal page runs the same options in a worker (worker.ts).
import Pusher from "pusher-js";

import { pusherOptions } from "./connection";
import type { TClientConfig, TClientOptions } from "./connection";

export { jsonChannelAuthorizer, publicClientConfig, pusherOptions } from "./connection";
export type { TClientConfig, TClientOptions } from "./connection";

export function createRealtimeClient(config: TClientConfig, options: TClientOptions = {}) {
  return new Pusher(config.key, pusherOptions(config, options));
}
