import { baseUrlOf, type ClientOptions } from "./client-options.js";
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
