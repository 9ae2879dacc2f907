// `pnpm --filter @lastmile/realtime serve`: the embedded Pusher-protocol server on
// 127.0.0.1:${REALTIME_PORT:-6001} with the app PUSHER_APP_ID/PUSHER_KEY/PUSHER_SECRET (the
// development app by default), until Ctrl-C.
import { env } from "../env";
import { startRealtimeServer } from "../server";

const server = await startRealtimeServer({
  port: env.REALTIME_PORT,
  apps: [{ id: env.PUSHER_APP_ID, key: env.PUSHER_KEY, secret: env.PUSHER_SECRET }],
});
console.log(
  `realtime: Pusher-protocol server on ws://${server.host}:${server.port}/app/${env.PUSHER_KEY} (app ${env.PUSHER_APP_ID})`,
);

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  void server.close().then(() => process.exit(0));
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
