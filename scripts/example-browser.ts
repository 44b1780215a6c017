// `npm run example:browser`: builds the React example (examples/browser) with Vite from the BUILT package
// and serves it on http://127.0.0.1:PORT/ (default 5173), against OPENROUTER_BASE_URL when it is set, else
// against the local stand-in of scripts/demo/local-servers.ts, which it starts (it approves;
// STAND_IN_DECISION=deny makes it deny). The page learns the server from the config.js served here.
// Prints the page's address and runs until SIGINT (Ctrl-C) or SIGTERM.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";
import { startConsentStandIn } from "./demo/local-servers.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const exampleDir = join(root, "examples/browser");
const outDir = join(exampleDir, "dist");

const port = process.env.PORT || "5173";
const decision = process.env.STAND_IN_DECISION || "approve";
const baseUrl = process.env.OPENROUTER_BASE_URL || undefined;
const fail = (message: string, code = 2): never => {
  console.error(`example:browser: ${message}`);
  process.exit(code);
};
if (!/^\d{1,5}$/.test(port) || Number(port) > 65_535) fail(`PORT must be a port number (got ${port})`);
if (decision !== "approve" && decision !== "deny") fail(`STAND_IN_DECISION must be approve or deny (got ${decision})`);
if (baseUrl !== undefined && !URL.canParse(baseUrl)) fail(`OPENROUTER_BASE_URL must be a URL (got ${baseUrl})`);
if (!existsSync(join(root, "dist/esm/src/browser/index.js"))) {
  fail("the package is not built (dist/esm/src/browser/index.js is missing): run `npm run build` first", 1);
}

await build({ root: exampleDir, configFile: join(exampleDir, "vite.config.ts"), logLevel: "warn" });

const standIn = baseUrl === undefined ? await startConsentStandIn({ approve: decision === "approve" }) : undefined;
/** The API the page talks to: OPENROUTER_BASE_URL, or the stand-in (which answers any origin, CORS). */
const serverURL = baseUrl ?? standIn!.apiUrl;

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

// The built files, read-only; `/` (with or without a callback's query) is index.html; nothing outside dist/.
const server = createServer((req, res) => {
  const { pathname } = new URL(req.url ?? "/", "http://127.0.0.1");
  const send = (status: number, body: string | Buffer, type = "text/plain; charset=utf-8") =>
    res.writeHead(status, { "content-type": type, "cache-control": "no-store" }).end(body);
  if (req.method !== "GET" && req.method !== "HEAD") return send(405, "Method not allowed");
  if (pathname === "/config.js") {
    return send(200, `window.openRouterExampleConfig = { serverURL: ${JSON.stringify(serverURL)} };\n`, TYPES[".js"]);
  }
  let file: string;
  try {
    file = resolve(
      join(outDir, pathname.endsWith("/") ? `${decodeURIComponent(pathname)}index.html` : decodeURIComponent(pathname)),
    );
  } catch {
    return send(400, "Bad path");
  }
  if (!file.startsWith(outDir + sep)) return send(404, "Not found");
  readFile(file).then(
    (body) => send(200, body, TYPES[extname(file)] ?? "application/octet-stream"),
    () => send(404, "Not found"),
  );
});
server.once("error", (error) => fail(`cannot listen on 127.0.0.1:${port}: ${error.message}`, 1));
server.listen(Number(port), "127.0.0.1", () => {
  const stop = () => {
    server.closeAllConnections();
    server.close();
    void (standIn?.close() ?? Promise.resolve()).then(() => process.exit(0));
  };
  process.once("SIGINT", stop).once("SIGTERM", stop); // before the line that tells a caller it is up
  const { port: actual } = server.address() as AddressInfo;
  console.log(`Sign in with OpenRouter (React example): http://127.0.0.1:${actual}/`);
  console.log(
    standIn === undefined
      ? `against ${baseUrl} (the callback is this page: http on 127.0.0.1 is accepted as a loopback callback); stop with Ctrl-C`
      : `against the local stand-in ${standIn.apiUrl} (its consent page will ${decision}); stop with Ctrl-C`,
  );
});
