import { runMigrations } from "../migrate";
import { connectForCli } from "./connect";

const { db, label, close } = await connectForCli();
console.log(`migrations: target ${label}`);
try {
  await runMigrations(db, console.log);
} finally {
  await close();
}
