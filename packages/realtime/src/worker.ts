// The page's realtime connection, in a worker: pusher-js's worker build, connected the Lastmile
// way, following channels for the page that started it (link.ts says why and how).
import Pusher from "pusher-js/worker";

import { jsonChannelAuthorizer, pusherOptions } from "./connection";
import { serveRealtime } from "./link";
import type { TPort } from "./link";

serveRealtime(
  self as unknown as TPort,
  (config, authEndpoint) =>
    new Pusher(
      config.key,
      pusherOptions(config, { authorize: jsonChannelAuthorizer(authEndpoint) }),
    ),
);
