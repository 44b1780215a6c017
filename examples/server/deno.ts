// Deno entry: `SESSION_SECRET=… deno run --allow-net --allow-env examples/server/deno.ts` (OPENROUTER_BASE_URL,
// REDIS_URL, PORT optional).
import { createConnectApp } from "./app.js";
import { readConfig } from "./config.js";
import { openStorage } from "./storage.js";

/** The part of the Deno namespace this file uses (the repository type-checks without Deno's types). */
declare const Deno: {
  env: { get(name: string): string | undefined };
  exit(code: number): never;
  serve(
    options: { port: number; hostname: string },
    handler: (request: Request) => Response | Promise<Response>,
  ): unknown;
};

let config: ReturnType<typeof readConfig>;
let storage: Awaited<ReturnType<typeof openStorage>>;
try {
  config = readConfig((name) => Deno.env.get(name));
  storage = await openStorage(config.redisUrl);
} catch (error) {
  console.error(`server example: ${(error as Error).message}`);
  Deno.exit(1);
}
const app = createConnectApp({ secret: config.secret, serverURL: config.serverURL, storage });
Deno.serve({ port: config.port, hostname: "127.0.0.1" }, app.fetch);
