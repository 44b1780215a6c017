// A local stand-in for OpenRouter's consent page (`https://openrouter.ai/auth`) and the two OAuth API
// operations, for the tests only (the demo has a smaller one of its own, scripts/demo/local-servers.ts). The consent page is not part of the API spec, so Prism cannot
// serve it; this one validates the query like the real page, redirects back with a code or an error (no
// `state`, keeping the callback's own path and query), remembers each code with its PKCE challenge, and
// verifies the pair on exchange like the real API: single-use codes, a time to live, S256 and plain.
import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import { listenOnLoopback } from "./loopback-server.js";

/** What the user does on the consent page: approve, deny, or deny with a given `error` and description. */
export type ConsentOutcome = "approve" | "deny" | { readonly error: string; readonly errorDescription?: string };

/** A fixed outcome, or one chosen per request from the consent page's query. */
export type ConsentDecision = ConsentOutcome | ((query: URLSearchParams) => ConsentOutcome);

export interface ConsentStandInOptions {
  /** Default `"approve"`. */
  readonly decision?: ConsentDecision;
  /** How long a code can be exchanged after it was issued, in ms. Default 10 minutes, like the real API. */
  readonly codeTtlMs?: number;
  /** The clock codes are timed with. Default `Date.now`. */
  readonly now?: () => number;
}

/** A code the stand-in issued, from the consent page or from `POST /auth/keys/code`. */
export interface IssuedCode {
  readonly code: string;
  readonly source: "consent" | "api";
  readonly callbackUrl: string;
  readonly codeChallenge: string | undefined;
  readonly codeChallengeMethod: "S256" | "plain" | undefined;
  readonly limit: number | undefined;
  /** When it was issued, by the stand-in's clock (ms). */
  readonly issuedAt: number;
  /** Whether an exchange has used it up. */
  used: boolean;
}

/** One request as the stand-in saw it. Header names are lower-case. */
export interface StandInRequest {
  readonly method: string;
  /** Path and query, e.g. `/auth?callback_url=…`. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** The status answered; 0 until the answer is sent. */
  status: number;
  /** The body answered (a minted key included: this is a test double). */
  response: string;
}

export interface ConsentStandIn {
  /** `http://127.0.0.1:<port>`. */
  readonly origin: string;
  /** `origin + "/api/v1"`: the `serverURL` for the SDK. */
  readonly apiUrl: string;
  /** `origin + "/auth"`: the consent page, which the SDK derives from `apiUrl` by default. */
  readonly authUrl: string;
  /** Every request received, oldest first. */
  readonly requests: readonly StandInRequest[];
  /** Every code issued, by code. */
  readonly issuedCodes: ReadonlyMap<string, IssuedCode>;
  /** Sets what the consent page does with the following requests. */
  setDecision(decision: ConsentDecision): void;
  /** Stops listening and destroys every open socket (keep-alive ones too). */
  close(): Promise<void>;
}

const CORS_HEADERS: Record<string, string> = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, POST, OPTIONS",
  "access-control-allow-headers":
    "authorization, content-type, http-referer, x-openrouter-title, x-openrouter-categories, user-agent",
  "access-control-max-age": "600",
};

const isLoopbackHost = (hostname: string): boolean =>
  hostname === "localhost" || hostname === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(hostname);

/**
 * Why a callback URL would be refused, or undefined when the real API accepts it: https, loopback http on any
 * port, and apps' own schemes (`vscode://…`, `jetbrains://…`), as shipping integrations use them. Schemes a
 * browser runs or reads locally are refused here (no public evidence on what the real page does with them).
 */
function callbackUrlProblem(value: unknown): string | undefined {
  if (typeof value !== "string" || value === "") return "callback_url is required";
  if (!URL.canParse(value)) return "callback_url must be an absolute URL";
  const url = new URL(value);
  if (url.protocol === "http:" && !isLoopbackHost(url.hostname)) {
    return "callback_url must use https, or http on localhost or 127.0.0.1";
  }
  if (/^(javascript|vbscript|data|file|blob|about):$/.test(url.protocol)) return "callback_url has a forbidden scheme";
  return undefined;
}

/** Why a challenge/method pair would be refused, or undefined. */
function challengeProblem(challenge: unknown, method: unknown): string | undefined {
  if (method !== undefined && method !== "S256" && method !== "plain") {
    return "code_challenge_method must be S256 or plain";
  }
  if (challenge !== undefined && (typeof challenge !== "string" || challenge === "")) {
    return "code_challenge must be a non-empty string";
  }
  if (challenge !== undefined && method === undefined) return "code_challenge needs a code_challenge_method";
  if (method !== undefined && challenge === undefined) return "code_challenge_method needs a code_challenge";
  return undefined;
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

const base64url = (bytes: Buffer): string => bytes.toString("base64url");
const sha256base64url = (text: string): string => base64url(createHash("sha256").update(text).digest());

/** OpenRouter's error body. */
const errorBody = (code: number, message: string): string =>
  JSON.stringify({ error: { code, message, metadata: null }, user_id: null, openrouter_metadata: null });

/**
 * Starts the stand-in on 127.0.0.1 (a free port). It serves:
 * - `GET /auth?callback_url=…&code_challenge=…&code_challenge_method=…&limit=…`: the consent page;
 * - `POST /api/v1/auth/keys`: the exchange, verifying the PKCE pair;
 * - `POST /api/v1/auth/keys/code`: createAuthCode (needs a bearer key, any).
 *
 * Every response carries permissive CORS headers and `OPTIONS` answers 204, for browser tests.
 *
 * @example
 * const standIn = await startConsentStandIn({ decision: "deny" });
 * try { … new OpenRouterCore({ serverURL: standIn.apiUrl }) … } finally { await standIn.close(); }
 */
export async function startConsentStandIn(options: ConsentStandInOptions = {}): Promise<ConsentStandIn> {
  let decision: ConsentDecision = options.decision ?? "approve";
  const ttlMs = options.codeTtlMs ?? 10 * 60_000;
  const now = options.now ?? Date.now;
  const requests: StandInRequest[] = [];
  const issuedCodes = new Map<string, IssuedCode>();

  const issue = (fields: Omit<IssuedCode, "code" | "issuedAt" | "used">): IssuedCode => {
    const issued: IssuedCode = {
      code: `auth_code_${base64url(randomBytes(18))}`,
      issuedAt: now(),
      used: false,
      ...fields,
    };
    issuedCodes.set(issued.code, issued);
    return issued;
  };

  const send = (
    res: ServerResponse,
    record: StandInRequest,
    status: number,
    body: string,
    headers: Record<string, string> = {},
  ) => {
    record.status = status;
    record.response = body;
    res.writeHead(status, { ...CORS_HEADERS, ...headers });
    res.end(body);
  };
  const sendJson = (res: ServerResponse, record: StandInRequest, status: number, body: string) =>
    send(res, record, status, body, { "content-type": "application/json" });
  const sendError = (res: ServerResponse, record: StandInRequest, status: number, message: string) =>
    sendJson(res, record, status, errorBody(status, message));
  const sendPage = (res: ServerResponse, record: StandInRequest, status: number, title: string, text: string) =>
    send(
      res,
      record,
      status,
      `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
        `<body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></body></html>`,
      { "content-type": "text/html; charset=utf-8" },
    );

  function consentPage(url: URL, res: ServerResponse, record: StandInRequest) {
    const query = url.searchParams;
    const callbackUrl = query.get("callback_url") ?? undefined;
    const challenge = query.get("code_challenge") ?? undefined;
    const method = query.get("code_challenge_method") ?? undefined;
    const limitText = query.get("limit") ?? undefined;
    const limit = limitText === undefined || limitText.trim() === "" ? Number.NaN : Number(limitText);
    const problem =
      callbackUrlProblem(callbackUrl) ??
      challengeProblem(challenge, method) ??
      (limitText !== undefined && !(Number.isFinite(limit) && limit >= 0)
        ? "limit must be a non-negative number"
        : undefined);
    if (problem !== undefined || callbackUrl === undefined) {
      sendPage(res, record, 400, "Invalid authorization request", problem ?? "callback_url is required");
      return;
    }
    const outcome = typeof decision === "function" ? decision(new URLSearchParams(query)) : decision;
    const location = new URL(callbackUrl);
    if (outcome === "approve") {
      const issued = issue({
        source: "consent",
        callbackUrl,
        codeChallenge: challenge,
        codeChallengeMethod: method as "S256" | "plain" | undefined,
        limit: limitText === undefined ? undefined : limit,
      });
      location.searchParams.set("code", issued.code);
    } else {
      const denial =
        outcome === "deny" ? { error: "access_denied", errorDescription: "The user denied access" } : outcome;
      location.searchParams.set("error", denial.error);
      if (denial.errorDescription !== undefined)
        location.searchParams.set("error_description", denial.errorDescription);
    }
    send(res, record, 302, "", { location: location.href });
  }

  function exchange(body: Record<string, unknown>, res: ServerResponse, record: StandInRequest) {
    const { code, code_verifier: verifier, code_challenge_method: method } = body;
    if (typeof code !== "string" || code === "") return sendError(res, record, 400, "Invalid request parameters");
    const issued = issuedCodes.get(code);
    if (issued === undefined || issued.used) return sendError(res, record, 403, "Invalid code or code_verifier");
    if (now() - issued.issuedAt > ttlMs) return sendError(res, record, 403, "Authorization code expired");
    const sentMethod = method ?? undefined;
    if (sentMethod !== undefined && sentMethod !== issued.codeChallengeMethod) {
      return sendError(res, record, 400, "Invalid code_challenge_method");
    }
    if (issued.codeChallenge !== undefined) {
      const matches =
        typeof verifier === "string" &&
        (issued.codeChallengeMethod === "plain"
          ? verifier === issued.codeChallenge
          : sha256base64url(verifier) === issued.codeChallenge);
      if (!matches) return sendError(res, record, 403, "Invalid code or code_verifier");
    }
    issued.used = true;
    sendJson(
      res,
      record,
      200,
      JSON.stringify({
        key: `sk-or-v1-${randomBytes(32).toString("hex")}`,
        user_id: `user_${base64url(randomBytes(15)).replace(/[-_]/g, "x")}`,
      }),
    );
  }

  function createCode(
    body: Record<string, unknown>,
    headers: IncomingHttpHeaders,
    res: ServerResponse,
    record: StandInRequest,
  ) {
    if (!/^Bearer \S+/.test(headers.authorization ?? "")) {
      return sendError(res, record, 401, "No auth credentials found");
    }
    const { callback_url: callbackUrl, code_challenge: challenge, code_challenge_method: method, limit } = body;
    const problem =
      callbackUrlProblem(callbackUrl) ??
      challengeProblem(challenge, method) ??
      (limit !== undefined && !(typeof limit === "number" && Number.isFinite(limit) && limit >= 0)
        ? "limit must be a non-negative number"
        : undefined);
    if (problem !== undefined) return sendError(res, record, 400, problem);
    const issued = issue({
      source: "api",
      callbackUrl: callbackUrl as string,
      codeChallenge: challenge as string | undefined,
      codeChallengeMethod: method as "S256" | "plain" | undefined,
      limit: limit as number | undefined,
    });
    sendJson(
      res,
      record,
      200,
      JSON.stringify({ data: { id: issued.code, app_id: 1, created_at: new Date(issued.issuedAt).toISOString() } }),
    );
  }

  function route(req: IncomingMessage, res: ServerResponse, record: StandInRequest) {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const method = req.method ?? "GET";
    if (method === "OPTIONS") return send(res, record, 204, "");
    if (url.pathname === "/auth") {
      if (method !== "GET" && method !== "HEAD") return sendPage(res, record, 405, "Method not allowed", method);
      return consentPage(url, res, record);
    }
    if (url.pathname === "/api/v1/auth/keys" || url.pathname === "/api/v1/auth/keys/code") {
      if (method !== "POST") return sendError(res, record, 405, "Method not allowed");
      let body: unknown;
      try {
        body = JSON.parse(record.body);
      } catch {
        return sendError(res, record, 400, "Invalid JSON body");
      }
      if (typeof body !== "object" || body === null || Array.isArray(body)) {
        return sendError(res, record, 400, "Invalid request parameters");
      }
      return url.pathname === "/api/v1/auth/keys"
        ? exchange(body as Record<string, unknown>, res, record)
        : createCode(body as Record<string, unknown>, req.headers, res, record);
    }
    sendError(res, record, 404, "Not found");
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.once("end", () => {
      const record: StandInRequest = {
        method: req.method ?? "GET",
        url: req.url ?? "/",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        status: 0,
        response: "",
      };
      requests.push(record);
      try {
        route(req, res, record);
      } catch {
        if (!res.headersSent) sendError(res, record, 500, "Internal stand-in error");
      }
    });
  });
  const { origin, close } = await listenOnLoopback(server);
  return {
    origin,
    apiUrl: `${origin}/api/v1`,
    authUrl: `${origin}/auth`,
    requests,
    issuedCodes,
    setDecision(next) {
      decision = next;
    },
    close,
  };
}
