import { createTrpcHandler } from "@lastmile/api/http";

import { getSession } from "~/auth/server";

const handler = createTrpcHandler(getSession);

export { handler as GET, handler as POST };
