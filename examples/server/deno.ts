// Deno entry: `SESSION_SECRET=… deno run --allow-net --allow-env examples/server/deno.ts`.
import { createConnectApp } from "./app.js";

/** The part of the Deno namespace this file uses (the repository type-checks without Deno's types). */
declare const Deno: {
  env: { get(name: string): string | undefined };
  serve(
    options: { port: number; hostname: string },
    handler: (request: Request) => Response | Promise<Response>,
  ): unknown;
};

const app = createConnectApp({
  secret: Deno.env.get("SESSION_SECRET") ?? "",
  serverURL: Deno.env.get("OPENROUTER_SERVER_URL"),
});
Deno.serve({ port: Number(Deno.env.get("PORT") ?? 3000), hostname: "127.0.0.1" }, app.fetch);
