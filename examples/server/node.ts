// Node entry: `SESSION_SECRET=… npx tsx examples/server/node.ts` (PORT, OPENROUTER_SERVER_URL optional).
import { serve } from "@hono/node-server";
import { createConnectApp } from "./app.js";

const app = createConnectApp({
  secret: process.env["SESSION_SECRET"] ?? "",
  serverURL: process.env["OPENROUTER_SERVER_URL"],
});
const port = Number(process.env["PORT"] ?? 3000);
serve({ fetch: app.fetch, port, hostname: "127.0.0.1" }, (info) => {
  console.log(`Connect OpenRouter: http://localhost:${info.port}/`);
});
