// Cloudflare Workers entry (workerd): `SESSION_SECRET` as a secret (`wrangler secret put SESSION_SECRET`),
// `OPENROUTER_SERVER_URL` optional. The accounts Map lives in one isolate only: use KV or D1 in production.
import type { Hono } from "hono";
import { createConnectApp } from "./app.js";

interface Env {
  readonly SESSION_SECRET: string;
  readonly OPENROUTER_SERVER_URL?: string;
}

let app: Hono | undefined;

export default {
  fetch(request: Request, env: Env): Response | Promise<Response> {
    app ??= createConnectApp({ secret: env.SESSION_SECRET, serverURL: env.OPENROUTER_SERVER_URL });
    return app.fetch(request, env);
  },
};
