import { SDKValidationError } from "../models/errors/client-errors.js";
import type { Logger } from "./logger.js";
import { DEFAULT_SERVER_URL, type RequestOptions, type SDKOptions } from "./options.js";
import { checkPositive, type RetryPolicy, resolveRetryPolicy } from "./retries.js";

/** Everything one call runs with: client and per-call options merged, defaults filled in, all checked. */
export interface CallConfig {
  readonly baseUrl: string;
  readonly timeoutMs: number;
  /** Undefined when retries are off. */
  readonly retry: RetryPolicy | undefined;
  /** The client's own fetch; undefined for the global one, called as `fetch(url, init)` (see sendWithRetries). */
  readonly fetch: ((request: Request) => Promise<Response>) | undefined;
  readonly maxResponseBytes: number;
  readonly logger: Logger | undefined;
}

/** The API base URL without a trailing slash, or an error naming `field`. */
function baseUrlOf(field: string, value: string | URL): string {
  try {
    const url = new URL(String(value));
    if (/^https?:$/.test(url.protocol)) return url.href.replace(/\/+$/, "");
  } catch {
    // reported below
  }
  throw new SDKValidationError(field, "must be an absolute http(s) URL");
}

/**
 * Merges the client's and the call's options; throws {@link SDKValidationError} naming a bad one.
 * Defaults: server `https://openrouter.ai/api/v1`, `timeoutMs` 30000, bodies up to 1 MiB.
 */
export function resolveCallConfig(client: Readonly<SDKOptions>, call?: RequestOptions): CallConfig {
  if (call !== undefined) return mergeOptions(client, call);
  // A client's options never change after construction: a call without options reuses its config.
  let config = withoutCallOptions.get(client);
  if (config === undefined) {
    config = mergeOptions(client, {});
    withoutCallOptions.set(client, config);
  }
  return config;
}

const withoutCallOptions = new WeakMap<Readonly<SDKOptions>, CallConfig>();

function mergeOptions(client: Readonly<SDKOptions>, call: RequestOptions): CallConfig {
  const { fetch } = client;
  if (fetch !== undefined && typeof fetch !== "function") throw new SDKValidationError("fetch", "must be a function");
  return {
    baseUrl:
      call.serverURL === undefined
        ? baseUrlOf("serverURL", client.serverURL ?? DEFAULT_SERVER_URL)
        : baseUrlOf("options.serverURL", call.serverURL),
    timeoutMs:
      call.timeoutMs === undefined
        ? checkPositive("timeoutMs", client.timeoutMs ?? 30_000, true)
        : checkPositive("options.timeoutMs", call.timeoutMs, true),
    retry: resolveRetryPolicy(
      call.retries === undefined ? "retryConfig" : "options.retries",
      call.retries ?? client.retryConfig,
      call.retryCodes ?? client.retryCodes,
      call.retryCodes === undefined ? "retryCodes" : "options.retryCodes",
    ),
    fetch,
    maxResponseBytes: checkPositive("maxResponseBytes", client.maxResponseBytes ?? 1024 * 1024),
    logger: client.debugLogger,
  };
}
