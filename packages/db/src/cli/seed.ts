import { runMigrations } from "../migrate";
import { seedDemoCity } from "../seed";
import { connectForCli } from "./connect";

const { db, label, close } = await connectForCli();
console.log(`seed: target ${label}`);
try {
  await runMigrations(db, console.log);
  await seedDemoCity(db, { log: console.log });
} finally {
  await close();
}
