import { createPusherAuthHandler } from "@lastmile/api/pusher-auth";

import { getSession } from "~/auth/server";

export const POST = createPusherAuthHandler(getSession);
