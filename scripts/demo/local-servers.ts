// What `npm run demo` runs against, all on 127.0.0.1: a Prism mock of the API, a stand-in for OpenRouter's
// consent page and exchange, and a browser that follows the consent page's redirect. Just enough for the
// demo; the tests have fuller ones of their own (test/support/).
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
const errorBody = (code: number, message: string) => JSON.stringify({ error: { code, message } });

/**
 * OpenRouter's consent page (`GET /auth`) and the exchange (`POST /api/v1/auth/keys`): the page redirects to
 * its `callback_url` with a new code, or with `error=access_denied` once `deny()` was called; the exchange
 * takes each code once, checks the verifier against the code's S256 challenge, and mints a key.
 */
export async function startConsentStandIn() {
  const challenges = new Map<string, string>();
  let approve = true;
  const server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8").on("data", (chunk: string) => (body += chunk));
    req.once("end", () => {
      const { pathname, searchParams } = new URL(req.url ?? "/", "http://127.0.0.1");
      const callbackUrl = searchParams.get("callback_url") ?? "";
      if (req.method === "GET" && pathname === "/auth" && URL.canParse(callbackUrl)) {
        const callback = new URL(callbackUrl);
        if (approve) {
          const code = `auth_code_${randomBytes(18).toString("base64url")}`;
          challenges.set(code, searchParams.get("code_challenge") ?? "");
          callback.searchParams.set("code", code);
        } else {
          callback.searchParams.set("error", "access_denied");
          callback.searchParams.set("error_description", "The user denied access");
        }
        res.writeHead(302, { location: callback.href }).end();
        return;
      }
      if (req.method !== "POST" || pathname !== "/api/v1/auth/keys") {
        res.writeHead(404, { "content-type": "application/json" }).end(errorBody(404, "Not found"));
        return;
      }
      let sent: { code?: unknown; code_verifier?: unknown } = {};
      try {
        sent = JSON.parse(body);
      } catch {}
      const challenge = typeof sent.code === "string" ? challenges.get(sent.code) : undefined;
      if (
        challenge === undefined ||
        typeof sent.code_verifier !== "string" ||
        sha256(sent.code_verifier) !== challenge
      ) {
        res.writeHead(403, { "content-type": "application/json" }).end(errorBody(403, "Invalid code or code_verifier"));
        return;
      }
      challenges.delete(sent.code as string);
      const key = `sk-or-v1-${randomBytes(32).toString("hex")}`;
      const userId = `user_${randomBytes(10).toString("hex")}`;
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ key, user_id: userId }));
    });
  });
  server.listen(0, "127.0.0.1");
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
