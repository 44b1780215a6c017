// The contenders of `npm run bench` (bench/README.md), each loaded on demand so that a memory child imports
// only its own. Each makes the same two calls, alternating by index: even ones create an auth code (with an
// API key), odd ones exchange a code (without one, as an app does); each resolves with the camelCase value
// the SDKs return. run.mjs copies this file next to the installed tarball, so that "openrouter-oauth" is
// the packed package and "@openrouter/sdk" the locked version.

const API_KEY = "sk-or-v1-bench-0000000000000000000000000000000000000000000000000000000000000000";
const APP = { httpReferer: "https://bench.example", appTitle: "Bench App" };
const CREATE_BODY = {
  callbackUrl: "https://myapp.com/auth/callback",
  codeChallenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
  codeChallengeMethod: "S256",
  limit: 100,
};
const EXCHANGE_BODY = {
  code: "auth_code_xyz789",
  codeVerifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
  codeChallengeMethod: "S256",
};

/** Throws unless `value` is what call `i` should have returned. */
function check(i, value) {
  const good = i % 2 === 0 ? value?.data?.id === "auth_code_xyz789" : value?.key === "sk-or-v1-abc";
  if (!good) throw new Error(`call ${i} returned ${JSON.stringify(value)}`);
}

/**
 * The hand-written client: the same headers as openrouter-oauth, a JSON body, no redirects followed, the
 * status checked, the JSON parsed and its keys camelCased; no validation, abort handling or retries. With
 * `timeLimit`, what any call that can time out pays: an AbortController and a 30 s timer per call, the
 * signal passed to fetch.
 */
function rawClient(serverURL, timeLimit = false) {
  const headers = (apiKey) => ({
    Accept: "application/json",
    "Content-Type": "application/json",
    "User-Agent": "openrouter-oauth/bench",
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
  const post = !timeLimit
    ? send
    : async (path, apiKey, body) => {
        const controller = new AbortController();
        const timer = setTimeout(() => controller.abort(), 30_000);
        try {
          return await send(path, apiKey, body, controller.signal);
        } finally {
          clearTimeout(timer);
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

/** The calls through an `OpenRouter` class (ours or the official SDK's), given the module that exports it. */
function classCalls(serverURL, { OpenRouter }) {
  const server = new OpenRouter({ serverURL, apiKey: API_KEY, ...APP });
  const app = new OpenRouter({ serverURL, ...APP });
  return (i) =>
    i % 2 === 0
      ? server.oAuth.createAuthCode({ requestBody: CREATE_BODY })
      : app.oAuth.exchangeAuthCodeForAPIKey({ requestBody: EXCHANGE_BODY });
}

/** name → async (serverURL) => (i) => Promise<value>. */
export const contenders = {
  "raw fetch": async (serverURL) => rawClient(serverURL),
  // The same client again: its ratio to "raw fetch" is the bench's own noise on this machine.
  "raw fetch, again": async (serverURL) => rawClient(serverURL),
  "raw fetch + time limit": async (serverURL) => rawClient(serverURL, true),
  "openrouter-oauth functions": async (serverURL) => {
    const [{ OpenRouterCore }, { oAuthCreateAuthCode }, { oAuthExchangeAuthCodeForAPIKey }] = await Promise.all([
      import("openrouter-oauth/core.js"),
      import("openrouter-oauth/funcs/oAuthCreateAuthCode.js"),
      import("openrouter-oauth/funcs/oAuthExchangeAuthCodeForAPIKey.js"),
    ]);
    const server = new OpenRouterCore({ serverURL, apiKey: API_KEY, ...APP });
    const app = new OpenRouterCore({ serverURL, ...APP });
    return async (i) =>
      unwrap(
        i % 2 === 0
          ? await oAuthCreateAuthCode(server, { requestBody: CREATE_BODY })
          : await oAuthExchangeAuthCodeForAPIKey(app, { requestBody: EXCHANGE_BODY }),
      );
  },
  "openrouter-oauth class": async (serverURL) => classCalls(serverURL, await import("openrouter-oauth")),
  "@openrouter/sdk": async (serverURL) => classCalls(serverURL, await import("@openrouter/sdk")),
};

/** Runs `n` calls, `concurrency` at a time, checking each value; resolves with calls per second. */
export async function drive(call, n, concurrency) {
  let next = 0;
  const lane = async () => {
    while (next < n) {
      const i = next++;
      check(i, await call(i));
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, lane));
  return n / ((performance.now() - started) / 1000);
}

/**
 * Before each round (processes started with --expose-gc): a minor GC, so that no round scavenges the
 * garbage of the one before. Not a full GC, which also drops the hidden classes only the previous round's
 * objects used and, with them, the optimized code that relied on them (bench/README.md).
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
