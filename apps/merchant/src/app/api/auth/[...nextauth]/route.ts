import { handler } from "~/auth/server";

export { handler as GET, handler as POST };
