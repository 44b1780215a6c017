// `npm run stand-in` (scripts/stand-in.ts): the local OpenRouter stand-in as a process of its own. It must
// print where its API is, serve a whole sign-in through the SDK (approving by default, denying with
// STAND_IN_DECISION=deny) and both operations, and stop, freeing its port, on SIGTERM and SIGINT.
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import {
  AuthorizationCallbackError,
  ForbiddenResponseError,
  OpenRouterCore,
  oAuthCompleteAuthorization,
  oAuthCreateAuthCode,
  oAuthCreateSHA256CodeChallenge,
  oAuthExchangeAuthCodeForAPIKey,
  oAuthStartAuthorization,
  UnauthorizedResponseError,
} from "../src/index.js";
import { childEnv, repoRoot } from "./support/build-once.js";
import { freePort } from "./support/free-port.js";
import { connectionRefused } from "./support/loopback-server.js";

const started: ChildProcessWithoutNullStreams[] = [];
afterAll(() => {
  for (const child of started)
    if (child.exitCode === null && child.signalCode === null) process.kill(child.pid!, "SIGKILL");
});

/** Runs the script as `npm run stand-in` does (tsx), without npm in between so the PID is its own. */
async function startStandIn(env: Record<string, string>) {
  const childEnvironment = childEnv(env);
  if (env.PORT === undefined) delete childEnvironment.PORT;
  const child = spawn(process.execPath, ["--import", "tsx", join(repoRoot, "scripts/stand-in.ts")], {
    cwd: repoRoot,
    env: childEnvironment,
  });
  started.push(child);
  let output = "";
  let timer: NodeJS.Timeout | undefined;
  const baseUrl = await new Promise<string>((resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no OPENROUTER_BASE_URL line within 15 s:\n${output}`)), 15_000);
    const onData = (chunk: Buffer) => {
      output += chunk;
      const line = /^OPENROUTER_BASE_URL=(\S+)$/m.exec(output);
      if (line) resolve(line[1]!);
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => reject(new Error(`the stand-in exited with ${code}:\n${output}`)));
  }).finally(() => clearTimeout(timer));
  return { child, baseUrl, port: Number(new URL(baseUrl).port) };
}

/** A sign-in as an app does it: start, the browser on the consent page (one hop, as the page redirects), complete. */
async function signIn(baseUrl: string) {
  const core = new OpenRouterCore({ serverURL: baseUrl });
  const start = await oAuthStartAuthorization(core, { callbackUrl: "http://127.0.0.1:9/callback?app=demo" });
  if (!start.ok) throw start.error;
  const consent = await fetch(start.value.authorizationUrl, { redirect: "manual" });
  const location = consent.headers.get("location") ?? "";
  const complete = (callbackUrl: string) => oAuthCompleteAuthorization(core, { ...start.value, callbackUrl });
  return { start: start.value, consent, location, complete, result: await complete(location) };
}

test("without PORT it listens on a free port, prints its API URL and serves a whole sign-in, approving", {
  timeout: 30_000,
}, async () => {
  const { baseUrl, port } = await startStandIn({});
  expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1$/);
  expect(port).toBeGreaterThan(0);

  const { start, consent, location, complete, result } = await signIn(baseUrl);
  expect(start.authorizationUrl.startsWith(`http://127.0.0.1:${port}/auth?`)).toBe(true);
  expect(consent.status).toBe(302);
  const back = new URL(location);
  expect(`${back.origin}${back.pathname}`).toBe("http://127.0.0.1:9/callback");
  expect(back.searchParams.get("app")).toBe("demo");
  expect(back.searchParams.get("nonce")).toBe(start.nonce);
  expect(back.searchParams.get("code")).toMatch(/^auth_code_/);
  if (!result.ok) throw result.error;
  expect(result.value.key).toMatch(/^sk-or-v1-[0-9a-f]{64}$/);
  expect(result.value.userId).toMatch(/^user_/);

  // A code is good once.
  const again = await complete(location);
  expect(again.ok || again.error).toBeInstanceOf(ForbiddenResponseError);
});

test("with PORT it listens there; both operations work, with a bearer key and the S256 challenge checked", {
  timeout: 30_000,
}, async () => {
  const wanted = await freePort();
  const { baseUrl } = await startStandIn({ PORT: String(wanted) });
  expect(baseUrl).toBe(`http://127.0.0.1:${wanted}/api/v1`);

  const pair = await oAuthCreateSHA256CodeChallenge();
  if (!pair.ok) throw pair.error;
  const { codeChallenge, codeVerifier } = pair.value;
  const requestBody = {
    callbackUrl: "https://app.example/callback",
    codeChallenge,
    codeChallengeMethod: "S256" as const,
  };
  const noKey = await oAuthCreateAuthCode(new OpenRouterCore({ serverURL: baseUrl }), { requestBody });
  expect(noKey.ok || noKey.error).toBeInstanceOf(UnauthorizedResponseError);

  const created = await oAuthCreateAuthCode(new OpenRouterCore({ serverURL: baseUrl, apiKey: "sk-or-v1-server" }), {
    requestBody,
  });
  if (!created.ok) throw created.error;
  expect(created.value.data).toMatchObject({ id: expect.stringMatching(/^auth_code_/), appId: 1 });
  const app = new OpenRouterCore({ serverURL: baseUrl });
  const exchange = (verifier: string) =>
    oAuthExchangeAuthCodeForAPIKey(app, {
      requestBody: { code: created.value.data.id, codeVerifier: verifier, codeChallengeMethod: "S256" },
    });
  const wrong = await exchange(`${codeVerifier.slice(1)}x`);
  expect(wrong.ok || wrong.error).toBeInstanceOf(ForbiddenResponseError);
  const right = await exchange(codeVerifier);
  if (!right.ok) throw right.error;
  expect(right.value.key).toMatch(/^sk-or-v1-/);
});

test("a browser app on another origin may call the API: preflight and answers carry CORS headers", {
  timeout: 30_000,
}, async () => {
  const { baseUrl } = await startStandIn({});
  const preflight = await fetch(`${baseUrl}/auth/keys`, {
    method: "OPTIONS",
    headers: {
      origin: "http://127.0.0.1:5173",
      "access-control-request-method": "POST",
      "access-control-request-headers": "content-type,http-referer",
    },
  });
  expect(preflight.status).toBe(204);
  expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
  expect(preflight.headers.get("access-control-allow-methods")).toBe("POST");
  expect(preflight.headers.get("access-control-allow-headers")).toBe("content-type,http-referer");
  const refused = await fetch(`${baseUrl}/auth/keys`, {
    method: "POST",
    headers: { origin: "http://127.0.0.1:5173", "content-type": "application/json" },
    body: JSON.stringify({ code: "not-issued", code_verifier: "x" }),
  });
  expect(refused.status).toBe(403);
  expect(refused.headers.get("access-control-allow-origin")).toBe("*");
});

test("STAND_IN_DECISION=deny makes the consent page deny", { timeout: 30_000 }, async () => {
  const { baseUrl } = await startStandIn({ STAND_IN_DECISION: "deny" });
  const { start, location, result } = await signIn(baseUrl);
  const back = new URL(location);
  expect(back.searchParams.get("error")).toBe("access_denied");
  expect(back.searchParams.get("nonce")).toBe(start.nonce);
  expect(back.searchParams.has("code")).toBe(false);
  expect(result.ok || result.error).toBeInstanceOf(AuthorizationCallbackError);
  expect(!result.ok && result.error instanceof AuthorizationCallbackError && result.error.kind).toBe("denied");
});

test("an invalid PORT or STAND_IN_DECISION is refused", { timeout: 30_000 }, async () => {
  for (const env of [{ PORT: "http" }, { PORT: "70000" }, { STAND_IN_DECISION: "maybe" }] as Record<string, string>[]) {
    await expect(startStandIn(env)).rejects.toThrow(/exited with 2[\s\S]*PORT must be a port number/);
  }
});

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  test(`${signal} stops it: the process exits and its port is closed`, { timeout: 30_000 }, async () => {
    const { child, port } = await startStandIn({});
    expect(await connectionRefused(port)).toBe(false);
    const exited = once(child, "exit");
    child.kill(signal);
    const [code] = await exited;
    expect(code).toBe(0);
    expect(await connectionRefused(port)).toBe(true);
  });
}
