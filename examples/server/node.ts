// Node entry: `SESSION_SECRET=… npx tsx examples/server/node.ts` (OPENROUTER_BASE_URL, REDIS_URL, PORT
// optional; see config.ts). A wrong setting stops it with one line on stderr; SIGINT/SIGTERM stop it cleanly.
import { serve } from "@hono/node-server";
import { createConnectApp } from "./app.js";
import { ConfigError, readConfig } from "./config.js";
import { openStorage } from "./storage.js";

async function main() {
  const config = readConfig((name) => process.env[name]);
  const storage = await openStorage(config.redisUrl);
  const app = createConnectApp({ secret: config.secret, serverURL: config.serverURL, storage });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: "127.0.0.1" }, (info) => {
    console.log(
      `Connect OpenRouter: http://127.0.0.1:${info.port}/ (state in ${config.redisUrl ? "Redis" : "memory"})`,
    );
  });
  server.once("error", (error) => fail(error));
  const stop = () => {
    server.close();
    if ("closeAllConnections" in server) server.closeAllConnections();
    void storage.dispose();
    // Whatever still holds the event loop gets a moment, then the process ends anyway.
    setTimeout(() => process.exit(0), 2_000).unref();
  };
  process.once("SIGINT", stop).once("SIGTERM", stop);
}

/** One line on stderr, no stack trace, and a non-zero exit. */
function fail(error: unknown): never {
  const message = error instanceof ConfigError ? error.message : String((error as Error)?.message ?? error);
  console.error(`server example: ${message.split("\n")[0]}`);
  process.exit(1);
}

main().catch(fail);
