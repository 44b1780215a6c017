// What `npm run demo` runs against, all on 127.0.0.1: a Prism mock of the API, a stand-in for OpenRouter's
// consent page and both operations (also `npm run stand-in`), and a browser that follows the consent page's
// redirect. Just enough for those; the tests have fuller ones of their own (test/support/).
import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { once } from "node:events";
import { createServer, get } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";

/** Starts `prism mock` on the spec, on a port the system picks; resolves once Prism says where it listens. */
export async function startPrism() {
  const entry = fileURLToPath(import.meta.resolve("@stoplight/prism-cli/dist/index.js"));
  const spec = fileURLToPath(new URL("../../openapi/openrouter-oauth.yaml", import.meta.url));
  const child = spawn(process.execPath, [entry, "mock", spec, "-h", "127.0.0.1", "-p", "0"], { stdio: "pipe" });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const force = setTimeout(() => child.kill("SIGKILL"), 5_000);
    child.kill();
    await once(child, "exit");
    clearTimeout(force);
  };
  let output = "";
  let timer: NodeJS.Timeout | undefined;
  try {
    const url = await new Promise<string>((resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`Prism did not start within 30 s:\n${output}`)), 30_000);
      const onData = (chunk: Buffer) => {
        output += chunk;
        const listening = /Prism is (?:now )?listening on (http:\/\/[\d.:]+)/.exec(output);
        if (listening) resolve(listening[1]!);
      };
      child.stdout.on("data", onData);
      child.stderr.on("data", onData);
      child.once("exit", (code) => reject(new Error(`Prism exited with ${code} before listening:\n${output}`)));
    });
    return { url, pid: child.pid!, stop };
  } catch (error) {
    await stop();
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("base64url");

/**
 * OpenRouter's consent page (`GET /auth`) and both operations (`POST /api/v1/auth/keys/code`, which needs a
 * bearer key, and `POST /api/v1/auth/keys`), on `port` (default: a free one): the page redirects to its
 * `callback_url` with a new code, or with `error=access_denied` when `approve` is false or once `deny()` was
 * called; the exchange takes each code once, checks the verifier against the code's challenge when it has
 * one (S256 unless `plain`), and mints a key. Also `npm run stand-in` (scripts/stand-in.ts).
 */
export async function startConsentStandIn({ port = 0, approve = true } = {}) {
  const codes = new Map<string, { challenge?: unknown; method?: unknown }>();
  const issue = (challenge: unknown, method: unknown) => {
    const code = `auth_code_${randomBytes(18).toString("base64url")}`;
    codes.set(code, { challenge, method });
    return code;
  };
  const server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8").on("data", (chunk: string) => (body += chunk));
    req.once("end", () => {
      const { pathname, searchParams } = new URL(req.url ?? "/", "http://127.0.0.1");
      const callbackUrl = searchParams.get("callback_url") ?? "";
      if (req.method === "GET" && pathname === "/auth" && URL.canParse(callbackUrl)) {
        const callback = new URL(callbackUrl);
        if (approve) {
          const { code_challenge: challenge, code_challenge_method: method } = Object.fromEntries(searchParams);
          callback.searchParams.set("code", issue(challenge, method));
        } else {
          callback.searchParams.set("error", "access_denied");
          callback.searchParams.set("error_description", "The user denied access");
        }
        res.writeHead(302, { location: callback.href }).end();
        return;
      }
      // The API answers browsers on any origin (a browser app exchanges its code itself), as OpenRouter's does.
      if (pathname.startsWith("/api/")) {
        res.setHeader("access-control-allow-origin", "*");
        if (req.method === "OPTIONS") {
          res.setHeader("access-control-allow-methods", "POST");
          res.setHeader("access-control-allow-headers", req.headers["access-control-request-headers"] ?? "");
          res.setHeader("access-control-max-age", "600");
          return void res.writeHead(204).end();
        }
      }
      const json = (status: number, value: unknown) =>
        res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(value));
      const fail = (status: number, message: string) => json(status, { error: { code: status, message } });
      let sent: Record<string, unknown> = {};
      try {
        sent = Object(JSON.parse(body));
      } catch {}
      if (req.method === "POST" && pathname === "/api/v1/auth/keys/code") {
        if (!/^Bearer \S/.test(req.headers.authorization ?? "")) return fail(401, "No auth credentials found");
        if (!URL.canParse(String(sent.callback_url))) return fail(400, "callback_url must be a URL");
        const id = issue(sent.code_challenge, sent.code_challenge_method);
        return json(200, { data: { id, app_id: 1, created_at: new Date().toISOString() } });
      }
      if (req.method !== "POST" || pathname !== "/api/v1/auth/keys") return fail(404, "Not found");
      const code = String(sent.code);
      const issued = codes.get(code);
      const verifier = String(sent.code_verifier);
      if (
        !issued ||
        (issued.challenge !== undefined &&
          issued.challenge !== (issued.method === "plain" ? verifier : sha256(verifier)))
      ) {
        return fail(403, "Invalid code or code_verifier");
      }
      codes.delete(code);
      const key = `sk-or-v1-${randomBytes(32).toString("hex")}`;
      json(200, { key, user_id: `user_${randomBytes(10).toString("hex")}` });
    });
  });
  server.listen(port, "127.0.0.1");
  await once(server, "listening");
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    apiUrl: `${origin}/api/v1`,
    authUrl: `${origin}/auth`,
    deny() {
      approve = false;
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type ConsentStandIn = Awaited<ReturnType<typeof startConsentStandIn>>;

/** One GET, as a browser would send it but without following redirects; no agent, so no socket stays open. */
const load = (url: string) =>
  new Promise<{ status: number; location?: string; body: string }>((resolve, reject) => {
    const req = get(url, { agent: false }, (res) => {
      let body = "";
      res.setEncoding("utf8").on("data", (chunk: string) => (body += chunk));
      res.once("end", () => resolve({ status: res.statusCode ?? 0, location: res.headers.location, body }));
    });
    req.setTimeout(10_000, () => req.destroy(new Error(`loading ${url} timed out`)));
    req.once("error", reject);
  });

/** The user's browser on the consent page: loads it, then the page it redirects to (the app's callback). */
export async function visitConsentPage(url: string) {
  const consent = await load(url);
  const location = consent.location === undefined ? undefined : new URL(consent.location, url).href;
  return { location, callback: location === undefined ? undefined : await load(location) };
}

export type ConsentVisit = Awaited<ReturnType<typeof visitConsentPage>>;
