// The contenders of the benchmark, each loaded on demand so that a memory child imports only its own.
// Every contender makes the same two calls against the canned server, alternating by call index: even
// indexes create an auth code (with an API key), odd ones exchange a code (without one, as an app does).
// Each call resolves with the camelCase value the SDKs return, checked by `check`.
//
// run.mjs copies this file into the temporary consumer folder, next to the installed tarball, so that
// "openrouter-oauth" resolves to the packed package (and "@openrouter/sdk" to the locked version).

export const API_KEY = "sk-or-v1-bench-0000000000000000000000000000000000000000000000000000000000000000";
export const APP = { httpReferer: "https://bench.example", appTitle: "Bench App" };
export const CREATE_BODY = {
  callbackUrl: "https://myapp.com/auth/callback",
  codeChallenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
  codeChallengeMethod: "S256",
  limit: 100,
};
export const EXCHANGE_BODY = {
  code: "auth_code_xyz789",
  codeVerifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
  codeChallengeMethod: "S256",
};

/** Throws unless `value` is what call `i` should have returned. */
export function check(i, value) {
  const good = i % 2 === 0 ? value?.data?.id === "auth_code_xyz789" : value?.key === "sk-or-v1-abc";
  if (!good) throw new Error(`call ${i} returned ${JSON.stringify(value)}`);
}

/**
 * The hand-written client. `limit` is what it does for a time limit: "none"; "signal", an AbortController
 * and a 30 s timer per call, the signal passed to fetch (what "raw fetch + time limit" measures); and, for
 * bench/signal.mjs, "timer only" (the same, the signal not passed), "shared" (one signal shared by every
 * call passed instead of the call's own) and "abort after" ("signal", the controller then aborted once the
 * call has settled, which makes undici drop its hold on the request at once rather than at a full GC).
 */
export async function rawClient(serverURL, limit = "none") {
  const userAgent = "openrouter-oauth/bench";
  const headers = (apiKey) => ({
    Accept: "application/json",
    "Content-Type": "application/json",
    "User-Agent": userAgent,
    "HTTP-Referer": APP.httpReferer,
    "X-OpenRouter-Title": APP.appTitle,
    ...(apiKey ? { Authorization: `Bearer ${apiKey}` } : {}),
  });
  const send = async (path, apiKey, body, signal) => {
    const init = { method: "POST", redirect: "manual", headers: headers(apiKey), body: JSON.stringify(body) };
    if (signal) init.signal = signal;
    const response = await fetch(`${serverURL}${path}`, init);
    if (!response.ok) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
    return response.json();
  };
  const shared = new AbortController();
  // One reason for every settled call: aborting without one would make a DOMException, with its stack, per call.
  const settled = new Error("the call has settled");
  const post =
    limit === "none"
      ? send
      : async (path, apiKey, body) => {
          const controller = new AbortController();
          const timer = setTimeout(() => controller.abort(), 30_000);
          const signal = limit === "timer only" ? undefined : limit === "shared" ? shared.signal : controller.signal;
          try {
            return await send(path, apiKey, body, signal);
          } finally {
            clearTimeout(timer);
            if (limit === "abort after") controller.abort(settled);
          }
        };
  const create = async () => {
    const { data } = await post("/auth/keys/code", API_KEY, {
      callback_url: CREATE_BODY.callbackUrl,
      code_challenge: CREATE_BODY.codeChallenge,
      code_challenge_method: CREATE_BODY.codeChallengeMethod,
      limit: CREATE_BODY.limit,
    });
    return { data: { id: data.id, appId: data.app_id, createdAt: data.created_at } };
  };
  const exchange = async () => {
    const body = await post("/auth/keys", undefined, {
      code: EXCHANGE_BODY.code,
      code_verifier: EXCHANGE_BODY.codeVerifier,
      code_challenge_method: EXCHANGE_BODY.codeChallengeMethod,
    });
    return { key: body.key, userId: body.user_id ?? null };
  };
  return (i) => (i % 2 === 0 ? create() : exchange());
}

const unwrap = (result) => {
  if (result.ok) return result.value;
  throw result.error;
};

/**
 * name → async (serverURL) => (i) => Promise<value>. The loader imports the contender's modules and
 * builds its clients; the returned function makes call `i`.
 */
export const contenders = {
  // What a careful hand-written client sends: the same headers as openrouter-oauth, a JSON body, no
  // redirects followed, the status checked, the JSON parsed and its keys camelCased. It has no input
  // validation, no response validation, no time limit, no abort handling and no retries.
  "raw fetch": (serverURL) => rawClient(serverURL),

  // The same client again, as its own contender: its ratio to "raw fetch" is what the benchmark reads for
  // two identical clients, i.e. how far apart two runs of the same code land on this machine. Not a goal:
  // a difference between contenders smaller than its distance from 1.00 is not one this run can show.
  "raw fetch, again": (serverURL) => rawClient(serverURL),

  // The same with what any client that can time out pays: an AbortController per call, its signal passed
  // to fetch, and a timer. Not a goal: it shows how much of the gap to raw fetch is that alone.
  "raw fetch + time limit": (serverURL) => rawClient(serverURL, "signal"),

  "openrouter-oauth functions": async (serverURL) =>
    functionCalls(
      serverURL,
      ...(await Promise.all([
        import("openrouter-oauth/core.js"),
        import("openrouter-oauth/funcs/oAuthCreateAuthCode.js"),
        import("openrouter-oauth/funcs/oAuthExchangeAuthCodeForAPIKey.js"),
      ])),
    ),

  "openrouter-oauth class": async (serverURL) => classCalls(serverURL, await import("openrouter-oauth")),

  "@openrouter/sdk": async (serverURL) => classCalls(serverURL, await import("@openrouter/sdk")),
};

/**
 * The calls through standalone functions, given the modules that export them (installed or built); `options`
 * goes to both clients.
 */
export function functionCalls(
  serverURL,
  { OpenRouterCore },
  { oAuthCreateAuthCode },
  { oAuthExchangeAuthCodeForAPIKey },
  options = {},
) {
  const server = new OpenRouterCore({ serverURL, apiKey: API_KEY, ...APP, ...options });
  const app = new OpenRouterCore({ serverURL, ...APP, ...options });
  return async (i) =>
    unwrap(
      i % 2 === 0
        ? await oAuthCreateAuthCode(server, { requestBody: CREATE_BODY })
        : await oAuthExchangeAuthCodeForAPIKey(app, { requestBody: EXCHANGE_BODY }),
    );
}

/** The calls through an `OpenRouter` class (ours or the official SDK's), given the module that exports it. */
export function classCalls(serverURL, { OpenRouter }) {
  const server = new OpenRouter({ serverURL, apiKey: API_KEY, ...APP });
  const app = new OpenRouter({ serverURL, ...APP });
  return (i) =>
    i % 2 === 0
      ? server.oAuth.createAuthCode({ requestBody: CREATE_BODY })
      : app.oAuth.exchangeAuthCodeForAPIKey({ requestBody: EXCHANGE_BODY });
}

/** Runs `n` calls, `concurrency` at a time, checking each value; resolves with calls per second. */
export async function drive(call, n, concurrency, offset = 0) {
  let next = 0;
  const lane = async () => {
    while (next < n) {
      const i = offset + next++;
      check(i, await call(i));
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, lane));
  return n / ((performance.now() - started) / 1000);
}

/**
 * Run before each round (processes started with --expose-gc): a minor GC, which empties the young
 * generation, so that no contender's round pays for scavenging the garbage of the round before it.
 * Not a full GC: a full one also collects the hidden classes that only the previous round's objects used,
 * and V8 then throws away every optimized function that relied on them ("weak objects" in
 * `--trace-deopt`: ~16 per full GC here, against none with minor GCs). Each round would then start by
 * recompiling undici's and the client's hot code, a warm-up a long-running service pays only at its own
 * rare full GCs, and one that costs a client with more code (an SDK) more than raw fetch.
 * `BENCH_GC=full` restores the full GC, to compare.
 */
export function betweenRounds() {
  globalThis.gc?.(process.env.BENCH_GC === "full" ? undefined : { type: "minor" });
}

/** The median of `values` (the mean of the middle two when their number is even). */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
