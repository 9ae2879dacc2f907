import { createTrpcHandler } from "@lastmile/api/http";

const handler = createTrpcHandler(async () => null);

export { handler as GET, handler as POST };
