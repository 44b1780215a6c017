// `npm run example:server`: the server example (examples/server/node.ts) on http://127.0.0.1:<PORT>/ (PORT
// default 3000). SESSION_SECRET unset: one is generated for this run (sessions end when it stops).
// OPENROUTER_BASE_URL unset: the local OpenRouter stand-in of scripts/demo/local-servers.ts is started and used
// (its consent page approves at once). REDIS_URL set: all state in that Redis; else in memory.
// Stops cleanly on SIGINT (Ctrl-C) or SIGTERM.
import { randomBytes } from "node:crypto";
import { startConsentStandIn } from "./demo/local-servers.js";

if (!process.env.SESSION_SECRET) {
  process.env.SESSION_SECRET = randomBytes(32).toString("base64url");
  console.log("SESSION_SECRET is not set: using one generated for this run (sessions end when it stops)");
}
if (!process.env.OPENROUTER_BASE_URL && !process.env.OPENROUTER_SERVER_URL) {
  const standIn = await startConsentStandIn();
  process.env.OPENROUTER_BASE_URL = standIn.apiUrl;
  console.log(`OPENROUTER_BASE_URL is not set: using the local OpenRouter stand-in at ${standIn.apiUrl}`);
  // The entry's own handlers close the server and the store; this one closes the stand-in.
  const stop = () => void standIn.close();
  process.once("SIGINT", stop).once("SIGTERM", stop);
}
await import("../examples/server/node.js");
