// The SDK's checks, web-standard only, so they run unchanged on every runtime including workerd: both
// operations through the class and the standalone functions (Prism), the typed errors, a time limit and an
// abort that fire, the retry cap against a server that asks for retries at once, the transport rule, calls
// without a time limit, the browser-style flow with a nonce (consent stand-in), and the RFC 7636 S256 vector.
import {
  AuthorizationCallbackError,
  BadRequestResponseError,
  ForbiddenResponseError,
  InternalServerResponseError,
  OpenRouter,
  OpenRouterCore,
  OpenRouterDefaultError,
  oAuthCompleteAuthorization,
  oAuthCreateAuthCode,
  oAuthCreateSHA256CodeChallenge,
  oAuthExchangeAuthCodeForAPIKey,
  oAuthParseAuthorizationCallback,
  oAuthStartAuthorization,
  RequestAbortedError,
  RequestTimeoutError,
  ResponseValidationError,
  SDKValidationError,
} from "openrouter-oauth";
import { assert, type CheckResult, consentRedirect, describeOutcome, runCheck, type SuiteConfig } from "./report.js";

const RFC_VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const RFC_CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
const NO_RETRIES = { strategy: "none" } as const;

const createRequest = {
  requestBody: {
    callbackUrl: "https://myapp.com/auth/callback",
    codeChallenge: RFC_CHALLENGE,
    codeChallengeMethod: "S256",
    limit: 100,
  },
} as const;
const exchangeRequest = {
  requestBody: { code: "auth_code_abc123def456", codeVerifier: RFC_VERIFIER, codeChallengeMethod: "S256" },
} as const;

/** Prism answers with the error example `example` of status `status`. */
/** Asks Prism for `status`, and for the named example where the spec names several. */
const preferring = (status: number, example?: string) => ({
  fetchOptions: {
    headers: { Prefer: example === undefined ? `code=${status}` : `code=${status}, example=${example}` },
  },
  retries: NO_RETRIES,
});

/** Runs every SDK check against the servers in `config`. */
export async function sdkChecks(config: SuiteConfig): Promise<CheckResult[]> {
  const prism = { serverURL: config.prismUrl };
  const results: CheckResult[] = [];
  const check = async (name: string, body: () => Promise<void>) => results.push(await runCheck(name, body));

  await check("class: createAuthCode", async () => {
    const { data } = await new OpenRouter({ ...prism, apiKey: "sk-or-test" }).oAuth.createAuthCode(createRequest);
    assert(typeof data.id === "string" && data.id !== "", "no code in data.id");
    assert(typeof data.appId === "number", "data.appId is not a number");
    assert(typeof data.createdAt === "string", "data.createdAt is not a string");
  });
  await check("class: exchangeAuthCodeForAPIKey", async () => {
    const res = await new OpenRouter(prism).oAuth.exchangeAuthCodeForAPIKey(exchangeRequest);
    assert(res.key.startsWith("sk-or-"), "the key is not an OpenRouter key");
    assert(res.userId === null || typeof res.userId === "string", "userId is neither a string nor null");
  });
  await check("funcs: oAuthCreateAuthCode", async () => {
    const res = await oAuthCreateAuthCode(new OpenRouterCore({ ...prism, apiKey: "sk-or-test" }), createRequest);
    assert(res.ok, `expected ok, ${describeOutcome(res)}`);
    assert(typeof res.value.data.id === "string", "no code in data.id");
  });
  await check("funcs: oAuthExchangeAuthCodeForAPIKey", async () => {
    const res = await oAuthExchangeAuthCodeForAPIKey(new OpenRouterCore(prism), exchangeRequest);
    assert(res.ok, `expected ok, ${describeOutcome(res)}`);
    assert(res.value.key.startsWith("sk-or-"), "the key is not an OpenRouter key");
  });

  const core = new OpenRouterCore(prism);
  await check("400 → BadRequestResponseError", async () => {
    const res = await oAuthExchangeAuthCodeForAPIKey(core, exchangeRequest, preferring(400, "invalidChallengeMethod"));
    assert(!res.ok && res.error instanceof BadRequestResponseError, `got ${describeOutcome(res)}`);
    assert(res.error.statusCode === 400, `statusCode ${res.error.statusCode}`);
    assert(res.error.message === "Invalid code_challenge_method", "not the server's message");
  });
  await check("403 → ForbiddenResponseError + reason", async () => {
    const expired = await oAuthExchangeAuthCodeForAPIKey(core, exchangeRequest, preferring(403, "expiredCode"));
    assert(!expired.ok && expired.error instanceof ForbiddenResponseError, `got ${describeOutcome(expired)}`);
    assert(expired.error.reason === "expired_code", `reason ${expired.error.reason}`);
    const invalid = await oAuthExchangeAuthCodeForAPIKey(core, exchangeRequest, preferring(403, "invalidCode"));
    assert(!invalid.ok && invalid.error instanceof ForbiddenResponseError, `got ${describeOutcome(invalid)}`);
    assert(invalid.error.reason === "invalid_code", `reason ${invalid.error.reason}`);
  });
  await check("500 → InternalServerResponseError", async () => {
    const res = await oAuthExchangeAuthCodeForAPIKey(core, exchangeRequest, preferring(500));
    assert(!res.ok && res.error instanceof InternalServerResponseError, `got ${describeOutcome(res)}`);
    assert(res.error.statusCode === 500, `statusCode ${res.error.statusCode}`);
    assert(res.error.message === "Internal Server Error", "not the server's message");
  });
  await check("non-JSON body → typed error", async () => {
    const onError = await oAuthExchangeAuthCodeForAPIKey(
      new OpenRouterCore({ serverURL: `${config.faultUrl}/html502` }),
      exchangeRequest,
      { retries: NO_RETRIES },
    );
    assert(!onError.ok && onError.error instanceof OpenRouterDefaultError, `502 page: got ${describeOutcome(onError)}`);
    assert(onError.error.statusCode === 502 && onError.error.body.includes("Bad gateway"), "502 page: body not kept");
    const onSuccess = await oAuthExchangeAuthCodeForAPIKey(
      new OpenRouterCore({ serverURL: `${config.faultUrl}/html200` }),
      exchangeRequest,
    );
    assert(
      !onSuccess.ok && onSuccess.error instanceof ResponseValidationError,
      `200 page: got ${describeOutcome(onSuccess)}`,
    );
  });

  const hanging = new OpenRouterCore({ serverURL: `${config.faultUrl}/hang` });
  await check("time limit fires", async () => {
    const started = Date.now();
    const res = await oAuthExchangeAuthCodeForAPIKey(hanging, exchangeRequest, { timeoutMs: 300 });
    const elapsed = Date.now() - started;
    assert(!res.ok && res.error instanceof RequestTimeoutError, `got ${describeOutcome(res)}`);
    assert(elapsed >= 250 && elapsed < 5_000, `ended after ${elapsed} ms, not ~300 ms`);
  });
  await check("abort fires", async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 200);
    const res = await oAuthExchangeAuthCodeForAPIKey(hanging, exchangeRequest, { signal: controller.signal });
    const elapsed = Date.now() - started;
    assert(!res.ok && res.error instanceof RequestAbortedError, `got ${describeOutcome(res)}`);
    assert(elapsed >= 150 && elapsed < 5_000, `ended after ${elapsed} ms, not ~200 ms`);
  });

  await check("Retry-After: 0 forever: 10 requests, waits of at least 100 ms", async () => {
    let sent = 0;
    const counting = new OpenRouterCore({
      serverURL: `${config.faultUrl}/busy503`,
      fetch: (request) => {
        sent++;
        return fetch(request);
      },
    });
    const started = Date.now();
    const res = await oAuthExchangeAuthCodeForAPIKey(counting, exchangeRequest, {
      retries: { strategy: "backoff", backoff: { initialInterval: 1, maxInterval: 1, maxElapsedTime: 10_000 } },
    });
    const elapsed = Date.now() - started;
    assert(
      !res.ok && res.error instanceof OpenRouterDefaultError && res.error.statusCode === 503,
      describeOutcome(res),
    );
    assert(sent === 10, `${sent} requests, not 10`);
    assert(elapsed >= 850, `all ten within ${elapsed} ms: a wait was shorter than 100 ms`);
  });

  await check("plain http off loopback is refused, key or not; nothing is sent", async () => {
    let sent = 0;
    const fetch = async () => {
      sent++;
      return new Response("{}");
    };
    for (const options of [{ apiKey: "sk-or-test" }, {}, { apiKey: "" }]) {
      const remote = new OpenRouterCore({ ...options, serverURL: "http://10.0.0.5/api/v1", fetch });
      const exchanged = await oAuthExchangeAuthCodeForAPIKey(remote, exchangeRequest);
      assert(!exchanged.ok && exchanged.error instanceof SDKValidationError, `exchange: ${describeOutcome(exchanged)}`);
      assert(exchanged.error.field === "serverURL", `exchange: names ${exchanged.error.field}`);
      const created = await oAuthCreateAuthCode(remote, createRequest);
      assert(!created.ok && created.error instanceof SDKValidationError, `create: ${describeOutcome(created)}`);
    }
    const perCall = await oAuthExchangeAuthCodeForAPIKey(new OpenRouterCore({ fetch }), exchangeRequest, {
      serverURL: "http://openrouter.example/api/v1",
    });
    assert(!perCall.ok && perCall.error instanceof SDKValidationError, `per call: ${describeOutcome(perCall)}`);
    assert(sent === 0, `${sent} requests were sent`);
  });

  await check("no time limit (timeoutMs Infinity)", async () => {
    const created = await oAuthCreateAuthCode(
      new OpenRouterCore({ ...prism, apiKey: "sk-or-test", timeoutMs: Infinity }),
      createRequest,
    );
    assert(created.ok, `create: expected ok, ${describeOutcome(created)}`);
    const exchanged = await new OpenRouter(prism).oAuth.exchangeAuthCodeForAPIKey(exchangeRequest, {
      timeoutMs: Infinity,
    });
    assert(exchanged.key.startsWith("sk-or-"), "exchange: the key is not an OpenRouter key");
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const aborted = await oAuthExchangeAuthCodeForAPIKey(
      new OpenRouterCore({ serverURL: `${config.faultUrl}/hang`, timeoutMs: Infinity }),
      exchangeRequest,
      { signal: controller.signal },
    );
    assert(!aborted.ok && aborted.error instanceof RequestAbortedError, `abort: got ${describeOutcome(aborted)}`);
  });

  await check("start → parse → complete (nonce)", async () => {
    const flowCore = new OpenRouterCore({ serverURL: config.approvingApiUrl });
    const start = await oAuthStartAuthorization(flowCore, { callbackUrl: "http://127.0.0.1:9/callback" });
    assert(start.ok, `start: ${describeOutcome(start)}`);
    const { authorizationUrl, codeVerifier, nonce } = start.value;
    const returnedTo = await consentRedirect(authorizationUrl);
    const parsed = oAuthParseAuthorizationCallback(returnedTo, { expectedNonce: nonce });
    assert(parsed.ok && parsed.value.code.startsWith("auth_code_"), `parse: ${describeOutcome(parsed)}`);
    const forged = oAuthParseAuthorizationCallback(returnedTo, { expectedNonce: `${nonce}x` });
    assert(
      !forged.ok && forged.error instanceof AuthorizationCallbackError && forged.error.kind === "nonce_mismatch",
      "another nonce was accepted",
    );
    const done = await oAuthCompleteAuthorization(flowCore, { callbackUrl: returnedTo, codeVerifier, nonce });
    assert(done.ok && done.value.key.startsWith("sk-or-v1-"), `complete: ${describeOutcome(done)}`);
    const again = await oAuthCompleteAuthorization(flowCore, { callbackUrl: returnedTo, codeVerifier, nonce });
    assert(!again.ok && again.error instanceof ForbiddenResponseError, `a used code: got ${describeOutcome(again)}`);
  });
  await check("RFC 7636 S256 vector", async () => {
    const res = await oAuthCreateSHA256CodeChallenge({ codeVerifier: RFC_VERIFIER });
    assert(res.ok && res.value.codeChallenge === RFC_CHALLENGE, `got ${res.ok ? res.value.codeChallenge : "an error"}`);
    const fresh = await oAuthCreateSHA256CodeChallenge();
    assert(fresh.ok && /^[A-Za-z0-9_-]{43}$/.test(fresh.value.codeVerifier), "a generated verifier is not 43 chars");
  });
  return results;
}
