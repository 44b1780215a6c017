// Bun entry: `SESSION_SECRET=… bun examples/server/bun.ts` (OPENROUTER_BASE_URL, REDIS_URL, PORT optional).
// Bun serves a default export that has `fetch`.
import { createConnectApp } from "./app.js";
import { readConfig } from "./config.js";
import { openStorage } from "./storage.js";

let config: ReturnType<typeof readConfig>;
let storage: Awaited<ReturnType<typeof openStorage>>;
try {
  config = readConfig((name) => process.env[name]);
  storage = await openStorage(config.redisUrl);
} catch (error) {
  console.error(`server example: ${(error as Error).message}`);
  process.exit(1);
}
const app = createConnectApp({ secret: config.secret, serverURL: config.serverURL, storage });

export default { port: config.port, hostname: "127.0.0.1", fetch: app.fetch };
