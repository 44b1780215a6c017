// Bun entry: `SESSION_SECRET=… bun examples/server/bun.ts` (PORT, OPENROUTER_SERVER_URL optional).
// Bun serves a default export that has `fetch`.
import { createConnectApp } from "./app.js";

const app = createConnectApp({
  secret: process.env["SESSION_SECRET"] ?? "",
  serverURL: process.env["OPENROUTER_SERVER_URL"],
});

export default { port: Number(process.env["PORT"] ?? 3000), hostname: "127.0.0.1", fetch: app.fetch };
