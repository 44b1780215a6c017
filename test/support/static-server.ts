// A static file server on 127.0.0.1 (a free port) for the browser example: serves a folder read-only,
// `/` as index.html, and `overrides` (path → content) in place of files, e.g. a test's own config.js.
// Never serves anything outside the folder; records every request; close() drops keep-alive sockets.
import { readFile, stat } from "node:fs/promises";
import { createServer } from "node:http";
import { extname, join, resolve, sep } from "node:path";
import { listenOnLoopback } from "./loopback-server.js";

export interface StaticServerOptions {
  /** The folder to serve. */
  readonly root: string;
  /** Contents served instead of files, by URL path (e.g. `"/config.js"`); the type comes from the extension. */
  readonly overrides?: Readonly<Record<string, string>>;
}

export interface StaticRequest {
  readonly method: string;
  /** Path and query as requested. */
  readonly url: string;
  readonly status: number;
}

export interface StaticServer {
  /** `http://127.0.0.1:<port>`. */
  readonly origin: string;
  /** Every request answered, oldest first. */
  readonly requests: readonly StaticRequest[];
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".ts": "text/plain; charset=utf-8",
  ".md": "text/plain; charset=utf-8",
};
const contentType = (path: string): string => CONTENT_TYPES[extname(path)] ?? "application/octet-stream";

export async function startStaticServer(options: StaticServerOptions): Promise<StaticServer> {
  const root = resolve(options.root);
  const overrides = new Map(Object.entries(options.overrides ?? {}));
  const requests: StaticRequest[] = [];

  /** The file for a URL path, or undefined when it is outside the root or not a file. */
  async function fileFor(pathname: string): Promise<string | undefined> {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return undefined;
    }
    if (decoded.includes("\0")) return undefined;
    const file = resolve(join(root, decoded.endsWith("/") ? `${decoded}index.html` : decoded));
    if (file !== root && !file.startsWith(root + sep)) return undefined;
    const info = await stat(file).catch(() => undefined);
    return info?.isFile() ? file : undefined;
  }

  const server = createServer((req, res) => {
    const method = req.method ?? "GET";
    const url = req.url ?? "/";
    const answer = (status: number, body: string | Buffer, type = "text/plain; charset=utf-8") => {
      requests.push({ method, url, status });
      res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
      res.end(method === "HEAD" ? undefined : body);
    };
    if (method !== "GET" && method !== "HEAD") return answer(405, "Method not allowed");
    const { pathname } = new URL(url, "http://127.0.0.1");
    const override = overrides.get(pathname);
    if (override !== undefined) return answer(200, override, contentType(pathname));
    fileFor(pathname)
      .then(async (file) => {
        if (file === undefined) return answer(404, "Not found");
        answer(200, await readFile(file), contentType(file));
      })
      .catch(() => {
        if (!res.headersSent) answer(500, "Internal error");
      });
  });
  const { origin, close } = await listenOnLoopback(server);
  return { origin, requests, close };
}
