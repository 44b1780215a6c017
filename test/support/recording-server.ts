import { createServer, type IncomingHttpHeaders, type IncomingMessage } from "node:http";
import { listenOnLoopback } from "./loopback-server.js";

/** One request as the server received it. Header names are lower-case (as Node gives them). */
export interface RecordedRequest {
  readonly method: string;
  /** The request target: path and query, e.g. `/api/v1/auth/keys/code`. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  /** The raw body text, exactly as sent. */
  readonly body: string;
  /** The body parsed as JSON (throws when it is not JSON). */
  json(): unknown;
}

/** What the server answers. Defaults: status 200, `content-type: application/json`, body `{}`. */
export interface Reply {
  readonly status?: number;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

export type Replier = Reply | ((request: RecordedRequest) => Reply);

export interface RecordingServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly url: string;
  readonly port: number;
  /** Every request received so far, oldest first. */
  readonly requests: RecordedRequest[];
  /** Sets what the following requests are answered with. */
  reply(replier: Replier): void;
  /** Forgets the recorded requests (the reply is kept). */
  reset(): void;
  /** Stops listening and destroys every open socket (keep-alive ones too). */
  close(): Promise<void>;
}

/** A 200 body that fits the operation the path names: create's `{ data }` or the exchange's `{ key, user_id }`. */
export const okBodyFor = (url: string): string =>
  /\/auth\/keys\/code(\?|$)/.test(url)
    ? JSON.stringify({ data: { id: "auth_code_recorded", app_id: 7, created_at: "2026-01-02T03:04:05Z" } })
    : JSON.stringify({ key: "sk-or-v1-recorded", user_id: "user_recorded" });

/** Answers each operation with a valid 200 body (see {@link okBodyFor}). */
export const okReply: Replier = (request) => ({ body: okBodyFor(request.url) });

function readBody(message: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    message.on("data", (chunk: Buffer) => chunks.push(chunk));
    message.once("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    message.once("error", reject);
  });
}

/**
 * A tiny HTTP server on 127.0.0.1 (port 0) that records each request and answers with a configurable
 * reply. Start it in `beforeAll`/`beforeEach` and close it in `afterAll`/`afterEach`.
 */
export async function startRecordingServer(initial: Replier = okReply): Promise<RecordingServer> {
  let replier = initial;
  const requests: RecordedRequest[] = [];

  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const recorded: RecordedRequest = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body,
        json: () => JSON.parse(body) as unknown,
      };
      requests.push(recorded);
      let reply: Reply;
      try {
        reply = typeof replier === "function" ? replier(recorded) : replier;
      } catch (error) {
        reply = {
          status: 599,
          body: `recording server replier failed: ${String(error)}`,
          headers: { "content-type": "text/plain" },
        };
      }
      res.writeHead(reply.status ?? 200, { "content-type": "application/json", ...reply.headers });
      res.end(reply.body ?? "{}");
    })().catch((error: unknown) => {
      res.destroy(error instanceof Error ? error : new Error(String(error)));
    });
  });
  const { port, origin, close } = await listenOnLoopback(server);

  return {
    url: origin,
    port,
    requests,
    reply(next) {
      replier = next;
    },
    reset() {
      requests.length = 0;
    },
    close,
  };
}
