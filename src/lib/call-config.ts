// A call's configuration, in one place: the client's options checked and completed with the environment and
// the defaults (resolveClientOptions), then the call's own options over them (resolveCallConfig).
import { SDKValidationError } from "../models/errors/client-errors.js";
import { isPlainHttpOffLoopback, refuseCredentials } from "./callback-url.js";
import { DEFAULT_SERVER_URL, type SDKOptions } from "./config.js";
import { readEnv } from "./env.js";
import type { Logger } from "./logger.js";
import { checkPositive, type RetryPolicy, resolveRetryPolicy } from "./retry-policy.js";
import type { RequestOptions } from "./sdks.js";

/**
 * Everything one call runs with: client and per-call options merged, defaults filled in, all checked.
 * Defaults: `timeoutMs` 30000, retries as in DEFAULT_BACKOFF, bodies up to 1 MiB.
 */
export interface CallConfig {
  readonly baseUrl: string;
  /** The option or variable `baseUrl` came from, to name in errors. */
  readonly baseUrlField: string;
  readonly timeoutMs: number;
  /** Undefined when retries are off. */
  readonly retry: RetryPolicy | undefined;
  /** The client's own fetch; undefined for the global one, called as `fetch(url, init)` (see sendWithRetries). */
  readonly fetch: ((request: Request) => Promise<Response>) | undefined;
  readonly maxResponseBytes: number;
  readonly logger: Logger | undefined;
}

/**
 * The configuration of one call: the client's (see resolveClientOptions), with the call's options over
 * it; throws {@link SDKValidationError} naming a bad one.
 */
export function resolveCallConfig(client: ClientOptions, call?: RequestOptions): CallConfig {
  return call === undefined
    ? client
    : {
        ...client,
        baseUrl: call.serverURL === undefined ? client.baseUrl : baseUrlOf("options.serverURL", call.serverURL),
        baseUrlField: call.serverURL === undefined ? client.baseUrlField : "options.serverURL",
        timeoutMs:
          call.timeoutMs === undefined ? client.timeoutMs : checkPositive("options.timeoutMs", call.timeoutMs, true),
        retry: resolveRetryPolicy(
          call.retries === undefined ? "retryConfig" : "options.retries",
          call.retries ?? client.retryConfig,
          call.retryCodes ?? client.retryCodes,
          call.retryCodes === undefined ? "retryCodes" : "options.retryCodes",
        ),
      };
}

/**
 * A client's options once checked, with the environment and the defaults filled in: also the
 * {@link CallConfig} of its calls that have no options of their own.
 */
export type ClientOptions = Omit<Readonly<SDKOptions>, keyof CallConfig> & CallConfig;

// The types (`typeof`) each option takes: what a misspelled or mistyped option is checked against. Every
// option of SDKOptions, and nothing else (`satisfies`: the compiler holds the two lists together).
const optionTypes: Readonly<Record<string, string>> = {
  apiKey: "string or function",
  httpReferer: "string",
  appTitle: "string",
  appCategories: "string",
  serverURL: "string or object",
  server: "string",
  timeoutMs: "number",
  retryConfig: "object",
  retryCodes: "object",
  fetch: "function",
  httpClient: "object",
  userAgent: "string",
  debugLogger: "object",
  maxResponseBytes: "number",
} satisfies Record<keyof SDKOptions, string>;

/** Whether `a` becomes `b` with at most `edits` insertions, deletions or substitutions (a likely typo). */
const isNear = (a: string, b: string, edits = 2): boolean =>
  a === b ||
  (a && a[0] === b[0]
    ? isNear(a.slice(1), b.slice(1), edits)
    : edits > 0 &&
      (isNear(a.slice(1), b, edits - 1) ||
        isNear(a, b.slice(1), edits - 1) ||
        isNear(a.slice(1), b.slice(1), edits - 1)));

/**
 * The API base URL without a trailing slash, or an error naming `field`. Every request of both
 * operations carries a secret (the API key, or the code and verifier out and the user's new key back),
 * so the rule is the callbacks': https, or http to loopback only. A URL with credentials is refused too.
 */
export function baseUrlOf(field: string, value: string | URL): string {
  let url: URL | undefined;
  try {
    url = new URL(String(value));
  } catch {
    // reported below
  }
  if (!url || !/^https?:$/.test(url.protocol)) throw new SDKValidationError(field, "must be an absolute http(s) URL");
  refuseCredentials(field, url);
  if (isPlainHttpOffLoopback(url)) {
    throw new SDKValidationError(field, "must use https (http only on loopback)");
  }
  return url.href.replace(/\/+$/, "");
}

const resolved = new WeakMap<Readonly<SDKOptions>, ClientOptions>();

/**
 * Checks a client's options like request input (an unknown name, with the option it resembles, or a
 * wrong type is an {@link SDKValidationError}) and fills in, for each unset option, its environment
 * variable, then its default. Worked out at a client's first call and kept (options never change): done
 * at every call it cost about 55 µs of CPU per call, a tenth of a whole call to a local server
 * (npm run bench's contenders, measured for issue 26).
 */
export function resolveClientOptions(options: Readonly<SDKOptions>): ClientOptions {
  let client = resolved.get(options);
  if (client) return client;
  for (const [name, value] of Object.entries(options)) {
    const type = Object.hasOwn(optionTypes, name) && optionTypes[name]!;
    if (!type) {
      const like = Object.keys(optionTypes).find((known) => isNear(known.toLowerCase(), name.toLowerCase()));
      throw new SDKValidationError(name, `is not a known option${like ? `; did you mean ${like}?` : ""}`);
    }
    if (value !== undefined && (value === null || !type.includes(typeof value))) {
      throw new SDKValidationError(name, `must be of type ${type}`);
    }
  }
  const { serverURL, server, fetch, httpClient, debugLogger } = options;
  for (const [name, method] of [
    ["debugLogger", "log"],
    ["httpClient", "request"],
  ] as const) {
    const value = options[name] as Record<string, unknown> | undefined;
    if (value && typeof value[method] !== "function")
      throw new SDKValidationError(name, `must have a ${method} method`);
  }
  if (server !== undefined && server !== "production") throw new SDKValidationError("server", 'must be "production"');
  if (httpClient && fetch) throw new SDKValidationError("httpClient", "cannot be combined with fetch");
  const envBaseUrl = serverURL !== undefined || server ? undefined : readEnv("OPENROUTER_BASE_URL");
  // A bad URL names where it came from; `server: "production"` is always a good one.
  const baseUrlField = envBaseUrl ? "OPENROUTER_BASE_URL" : "serverURL";
  client = {
    ...options,
    apiKey: options.apiKey ?? readEnv("OPENROUTER_API_KEY"),
    httpReferer: options.httpReferer ?? readEnv("OPENROUTER_HTTP_REFERER"),
    appTitle: options.appTitle ?? readEnv("OPENROUTER_APP_TITLE"),
    appCategories: options.appCategories ?? readEnv("OPENROUTER_APP_CATEGORIES"),
    baseUrl: baseUrlOf(baseUrlField, serverURL ?? envBaseUrl ?? DEFAULT_SERVER_URL),
    baseUrlField,
    timeoutMs: checkPositive("timeoutMs", options.timeoutMs ?? 30_000, true),
    retry: resolveRetryPolicy("retryConfig", options.retryConfig, options.retryCodes),
    fetch: fetch ?? httpClient?.request.bind(httpClient),
    maxResponseBytes: checkPositive("maxResponseBytes", options.maxResponseBytes ?? 1024 * 1024),
    logger: debugLogger ?? (/^(1|true)$/i.test(readEnv("OPENROUTER_DEBUG") ?? "") ? console : undefined),
  };
  resolved.set(options, client);
  return client;
}
