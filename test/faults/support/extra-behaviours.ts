// Behaviours the fault suite needs beyond test/support/fault-server.ts, built on the same `Behaviour` type.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { type Behaviour, errorJson, type Script } from "../../support/fault-server.js";

/**
 * Answers `status` with OpenRouter's JSON error and `Retry-After` as an HTTP-date `aheadMs` from the
 * moment it answers (HTTP-dates have whole seconds, so the wait the client computes is up to 1 s shorter).
 */
export function retryAfterDate(status: number, aheadMs: number): Behaviour {
  return (req, res, ctx) =>
    errorJson(status, `status ${status}`, { "retry-after": new Date(Date.now() + aheadMs).toUTCString() })(
      req,
      res,
      ctx,
    );
}

/** Sends the status line and headers (declaring a body), then destroys the socket before any body byte. */
export function resetAfterHeaders(status = 200): Behaviour {
  return (_req, res, ctx) => {
    res.writeHead(status, { "content-type": "application/json", "content-length": "100" });
    res.flushHeaders();
    // Long enough for the client to have read the headers, so the reset hits the body read.
    const timer = setTimeout(() => res.socket?.destroy(), 20);
    ctx.onCleanup(() => clearTimeout(timer));
  };
}

/** Sends a complete, valid JSON body `chunkSize` bytes at a time, one chunk every `intervalMs`. */
export function trickleBody(body: string, chunkSize: number, intervalMs: number): Behaviour {
  return (_req, res, ctx) => {
    const bytes = Buffer.from(body);
    res.writeHead(200, { "content-type": "application/json", "content-length": String(bytes.length) });
    res.flushHeaders();
    let sent = 0;
    const interval = setInterval(() => {
      if (res.destroyed) return clearInterval(interval);
      res.write(bytes.subarray(sent, sent + chunkSize));
      sent += chunkSize;
      if (sent >= bytes.length) {
        clearInterval(interval);
        res.end();
      }
    }, intervalMs);
    ctx.onCleanup(() => clearInterval(interval));
  };
}

/**
 * `gc()`: the global one under `node --expose-gc`, else obtained by turning the flag on at run time
 * (V8 honours it for contexts created afterwards, hence the fresh vm context).
 */
export function exposeGc(): () => void {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (typeof existing === "function") return existing;
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
}

/**
 * The script with each request's socket allowed many listeners. The shared fault server adds a `close`
 * listener to the socket per request (released when the socket closes), so a retry storm on one
 * keep-alive connection passes Node's default of 10 and prints a MaxListenersExceededWarning. Raised on
 * the server's sockets only, not process-wide, where it could hide a listener leak in the SDK.
 */
export function withSocketHeadroom(script: Script): Script {
  const wrap =
    (behaviour: Behaviour): Behaviour =>
    (req, res, ctx) => {
      if (req.socket.getMaxListeners() < 1_000) req.socket.setMaxListeners(1_000);
      behaviour(req, res, ctx);
    };
  return typeof script === "function" ? (n, req) => wrap(script(n, req)) : script.map(wrap);
}
