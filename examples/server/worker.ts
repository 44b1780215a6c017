// Cloudflare Workers entry (workerd): `SESSION_SECRET` as a secret (`wrangler secret put SESSION_SECRET`),
// `OPENROUTER_BASE_URL` optional. State is in the isolate's memory here; for production, bind a KV namespace
// and pass `createStorage({ driver: cloudflareKVBindingDriver({ binding: env.SESSIONS }) })` as `storage`.
import type { Hono } from "hono";
import { createConnectApp } from "./app.js";

interface Env {
  readonly SESSION_SECRET: string;
  readonly OPENROUTER_BASE_URL?: string;
  /** The older name of OPENROUTER_BASE_URL, still read. */
  readonly OPENROUTER_SERVER_URL?: string;
}

let app: Hono | undefined;

export default {
  fetch(request: Request, env: Env): Response | Promise<Response> {
    app ??= createConnectApp({
      secret: env.SESSION_SECRET,
      serverURL: env.OPENROUTER_BASE_URL || env.OPENROUTER_SERVER_URL || undefined,
    });
    return app.fetch(request, env);
  },
};
