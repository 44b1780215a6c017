/**
 * The client's options and the servers it can name, at the path `@openrouter/sdk` exports them from.
 *
 * @module openrouter-oauth/lib/config
 */
import type { Logger } from "./logger.js";
import type { RetryConfig } from "./retries.js";

/** Supplies the API key: a string, or a function (sync or async) called before each call. */
export type APIKeySource = string | (() => string | undefined | Promise<string | undefined>);

/**
 * Options of `OpenRouterCore` and `OpenRouter`.
 *
 * @example
 * new OpenRouter({ apiKey: process.env.OPENROUTER_API_KEY, appTitle: "My App", timeoutMs: 10_000 })
 */
export interface SDKOptions {
  /**
   * The OpenRouter API key, sent as `Authorization: Bearer`. Default: the `OPENROUTER_API_KEY`
   * environment variable. Without one (or with `""`) no Authorization header is sent, which is how
   * apps without a key of their own call the exchange.
   */
  apiKey?: APIKeySource | undefined;
  /** Sent as `HTTP-Referer` on every request: the URL of your app. Default: `OPENROUTER_HTTP_REFERER`. */
  httpReferer?: string | undefined;
  /** Sent as `X-OpenRouter-Title` on every request: the name of your app. Default: `OPENROUTER_APP_TITLE`. */
  appTitle?: string | undefined;
  /** Sent as `X-OpenRouter-Categories`: comma-separated categories. Default: `OPENROUTER_APP_CATEGORIES`. */
  appCategories?: string | undefined;
  /**
   * The API base URL. Default: the `OPENROUTER_BASE_URL` environment variable, else
   * `https://openrouter.ai/api/v1`.
   */
  serverURL?: string | URL | undefined;
  /** A named server instead of `serverURL`: `"production"` (`https://openrouter.ai/api/v1`) is the only one. */
  server?: "production" | undefined;
  /**
   * Time limit of one whole call in milliseconds, covering every attempt and backoff wait.
   * Default 30000; `Infinity` for none.
   */
  timeoutMs?: number | undefined;
  /** How calls retry. Default: jittered exponential backoff within 20 s, see {@link RetryConfig}. */
  retryConfig?: RetryConfig | undefined;
  /** Status codes that are retried, exact (`"429"`) or by class (`"5XX"`). Default `["5XX", "429"]`. */
  retryCodes?: readonly string[] | undefined;
  /** The fetch implementation. Default `globalThis.fetch`, looked up at call time. */
  fetch?: ((request: Request) => Promise<Response>) | undefined;
  /**
   * Sends the requests instead of `fetch` (not both): an `HTTPClient` from `openrouter-oauth/lib/http.js`
   * with its hooks, or any object with a `request` method. The time limit, aborts, body limit and
   * redirect rule apply to it as to `fetch`.
   */
  httpClient?:
    | {
        /** Sends one request and resolves with its response, body unread. */
        request(request: Request): Promise<Response>;
      }
    | undefined;
  /** The `User-Agent` header. Default `openrouter-oauth/<version>` outside browsers (they forbid setting it). */
  userAgent?: string | undefined;
  /**
   * Receives one line per request, response and retry. Secrets are never passed to it. Default:
   * `console` when the `OPENROUTER_DEBUG` environment variable is `1` or `true`, else none.
   */
  debugLogger?: Logger | undefined;
  /** Largest response body read, in bytes; a larger one fails with `ResponseTooLargeError`. Default 1 MiB. */
  maxResponseBytes?: number | undefined;
}

/** The production API. */
export const DEFAULT_SERVER_URL = "https://openrouter.ai/api/v1";

/** The name of OpenRouter's one server, for the `server` option. */
export const ServerProduction = "production";

/** The servers `server` can name, with their URLs. */
export const ServerList = {
  /** The production API. (A plain key, not `[ServerProduction]`: a computed key keeps the object in every bundle.) */
  production: DEFAULT_SERVER_URL,
} as const;
