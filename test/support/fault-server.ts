// A local HTTP server that misbehaves on cue: each request gets the next behaviour of a per-test script.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** One request as the server saw it. */
export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  /** The request body; empty when the client went away before sending it all. */
  body: string;
  /** Whether the connection closed before the response was complete (the client gave up, or we cut it). */
  closedEarly: boolean;
}

/** What the server may register to be undone on close (timers, intervals). */
export interface BehaviourContext {
  /** Runs `cleanup` when the server closes or the request's socket closes, whichever is first. */
  onCleanup(cleanup: () => void): void;
}

/** How the server answers one request. */
export type Behaviour = (req: IncomingMessage, res: ServerResponse, ctx: BehaviourContext) => void;

/**
 * A script: a list used in order (the last entry repeats), or a function of the 1-based request
 * number (counted from when the script was set).
 */
export type Script = readonly Behaviour[] | ((requestNumber: number, req: IncomingMessage) => Behaviour);

export interface FaultServer {
  /** `http://127.0.0.1:<port>`, to use as `serverURL`. */
  readonly url: string;
  /** Every request received, in order. */
  readonly requests: readonly RecordedRequest[];
  /** How many requests arrived (counted when their headers arrive). */
  readonly count: number;
  /** Replaces the script, which starts again from its first entry; the request count is kept. */
  setScript(script: Script): void;
  /** Stops listening and destroys every open socket, so no test hangs on a stalled response. */
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------------
// Behaviours

export interface RespondInit {
  readonly headers?: Record<string, string> | undefined;
  readonly body?: string | Buffer | undefined;
  /** Waits this long before sending anything. */
  readonly delayMs?: number | undefined;
}

/** Answers with a status, headers and body (after an optional delay). */
export function respond(status: number, init: RespondInit = {}): Behaviour {
  return (_req, res, ctx) => {
    const send = () => {
      const body = init.body ?? "";
      res.writeHead(status, { "content-length": String(Buffer.byteLength(body)), ...init.headers });
      res.end(body);
    };
    if (!init.delayMs) return send();
    const timer = setTimeout(send, init.delayMs);
    ctx.onCleanup(() => clearTimeout(timer));
  };
}

/** Answers with a JSON body. */
export function json(
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
  delayMs?: number,
): Behaviour {
  return respond(status, {
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(value),
    delayMs,
  });
}

/** Answers with OpenRouter's JSON error shape. */
export function errorJson(
  status: number,
  message: string,
  headers: Record<string, string> = {},
  code: number | string = status,
): Behaviour {
  return json(status, { error: { code, message, metadata: null }, user_id: null, openrouter_metadata: null }, headers);
}

/** Answers with an HTML page, like a proxy in front of the API would. */
export function html(status: number, page = "<html><body><h1>502 Bad Gateway</h1></body></html>"): Behaviour {
  return respond(status, { headers: { "content-type": "text/html; charset=utf-8" }, body: page });
}

/** Answers with a text body of any content type. */
export function text(status: number, body: string, contentType = "text/plain; charset=utf-8"): Behaviour {
  return respond(status, { headers: { "content-type": contentType }, body });
}

/** Answers with a body that claims to be JSON but is cut short. */
export function malformedJson(status = 200, body = '{"data":{"id":"auth_code_xyz789",'): Behaviour {
  return respond(status, { headers: { "content-type": "application/json" }, body });
}

/** Declares a content-length larger than it sends, sends part of the body, then destroys the socket. */
export function truncated(status = 200, sent = '{"key":"sk-or-v1-', declared = 1000): Behaviour {
  return (_req, res, ctx) => {
    res.writeHead(status, { "content-type": "application/json", "content-length": String(declared) });
    res.write(sent);
    const timer = setTimeout(() => res.socket?.destroy(), 20);
    ctx.onCleanup(() => clearTimeout(timer));
  };
}

/** Destroys the socket before sending any header: a connection reset as the client sees it. */
export function destroySocket(): Behaviour {
  return (req) => {
    req.socket.destroy();
  };
}

/** Never answers; the socket stays open until the client gives up or the server closes. */
export function hang(): Behaviour {
  return () => {};
}

/** Sends headers at once, then `chunk` every `intervalMs`, forever (or until `totalChunks`). */
export function trickle(
  init: { status?: number; intervalMs?: number; chunk?: string; totalChunks?: number } = {},
): Behaviour {
  const { status = 200, intervalMs = 50, chunk = " ", totalChunks = Infinity } = init;
  return (_req, res, ctx) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.flushHeaders();
    let sent = 0;
    const interval = setInterval(() => {
      if (res.destroyed) return clearInterval(interval);
      res.write(chunk);
      if (++sent >= totalChunks) {
        clearInterval(interval);
        res.end();
      }
    }, intervalMs);
    ctx.onCleanup(() => clearInterval(interval));
  };
}

/**
 * Sends `bytes` bytes of a JSON string body, honouring backpressure. With `declareLength` the
 * content-length is sent up front; without it the body is chunked and its size known only by reading.
 */
export function huge(bytes: number, init: { status?: number; declareLength?: boolean } = {}): Behaviour {
  const { status = 200, declareLength = true } = init;
  return (_req, res) => {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (declareLength) headers["content-length"] = String(bytes);
    res.writeHead(status, headers);
    const piece = Buffer.alloc(64 * 1024, "a");
    let left = bytes;
    const pump = () => {
      while (left > 0 && !res.destroyed) {
        const size = Math.min(left, piece.length);
        left -= size;
        const more = res.write(size === piece.length ? piece : piece.subarray(0, size));
        if (left === 0) return void res.end();
        if (!more) return void res.once("drain", pump);
      }
    };
    pump();
  };
}

// ---------------------------------------------------------------------------------------------------
// The server

/** Starts a fault server on 127.0.0.1, on a port the OS picks. */
export async function startFaultServer(script: Script = [respond(200)]): Promise<FaultServer> {
  let current: Script = script;
  let scriptStart = 0; // requests received before the current script was set
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const cleanups = new Set<() => void>();

  const pick = (n: number, req: IncomingMessage): Behaviour => {
    if (typeof current === "function") return current(n, req);
    const list = current as readonly Behaviour[];
    const behaviour = list[Math.min(n, list.length) - 1];
    if (!behaviour) throw new Error("fault server: empty script");
    return behaviour;
  };

  const server = createServer((req, res) => {
    const record: RecordedRequest = {
      method: req.method ?? "",
      url: req.url ?? "",
      headers: req.headers,
      body: "",
      closedEarly: false,
    };
    requests.push(record);
    const n = requests.length - scriptStart;
    const chunks: Buffer[] = [];
    let dispatched = false;
    const dispatch = () => {
      if (dispatched) return;
      dispatched = true;
      record.body = Buffer.concat(chunks).toString("utf8");
      const local: (() => void)[] = [];
      const ctx: BehaviourContext = {
        onCleanup(cleanup) {
          local.push(cleanup);
          cleanups.add(cleanup);
        },
      };
      // Per response, not per socket: a keep-alive socket carries many requests, and a listener per request
      // on it would pile up (Node's MaxListenersExceededWarning after ten) until the connection closed.
      res.once("close", () => {
        for (const cleanup of local) {
          cleanups.delete(cleanup);
          cleanup();
        }
      });
      pick(n, req)(req, res, ctx);
    };
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", dispatch);
    req.on("error", () => {});
    res.on("error", () => {});
    res.once("close", () => {
      if (!res.writableFinished) record.closedEarly = true;
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("error", () => {});
    socket.once("close", () => sockets.delete(socket));
  });
  server.on("clientError", (_error, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get count() {
      return requests.length;
    },
    setScript(next) {
      current = next;
      scriptStart = requests.length;
    },
    close() {
      for (const cleanup of cleanups) cleanup();
      cleanups.clear();
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/** A 127.0.0.1 URL on which nothing listens (a port bound a moment ago and released). */
export async function refusedURL(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

// ---------------------------------------------------------------------------------------------------
// Fixtures shared by the behaviour tests

export const createRequest = { requestBody: { callbackUrl: "https://myapp.com/auth/callback" } };
export const exchangeRequest = {
  requestBody: {
    code: "auth_code_xyz789",
    codeVerifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
    codeChallengeMethod: "S256" as const,
  },
};
export const createOkBody = { data: { id: "auth_code_xyz789", app_id: 12345, created_at: "2025-08-24T10:30:00Z" } };
export const exchangeOkBody = { key: "sk-or-v1-minted", user_id: "user_123" };

/** Small, fast backoff for tests: a few ms between attempts, a short budget. */
export const fastRetries = {
  strategy: "backoff",
  // Each wait is at least the SDK's 100 ms floor: a 500 ms budget allows about five requests.
  backoff: { initialInterval: 10, maxInterval: 20, exponent: 2, maxElapsedTime: 500 },
} as const;

/** Milliseconds since `start`. */
export const since = (start: number): number => performance.now() - start;

/** Runs `fn` and returns its outcome with how long it took. Never rejects. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value?: T; error?: unknown }> {
  const start = performance.now();
  try {
    const value = await fn();
    return { ms: since(start), value };
  } catch (error) {
    return { ms: since(start), error };
  }
}

/** Resolves after `ms`. */
export const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
