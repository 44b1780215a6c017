import { SDKValidationError } from "../models/errors/client-errors.js";
import type { Logger } from "./logger.js";
import {
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_SERVER_URL,
  DEFAULT_TIMEOUT_MS,
  type RequestOptions,
  type SDKOptions,
} from "./options.js";
import { resolveRetryPolicy, type RetryConfig, type RetryPolicy } from "./retries.js";

/** Everything one call runs with, client and per-call options merged and checked. */
export interface CallConfig {
  readonly baseUrl: string;
  readonly timeoutMs: number;
  readonly retry: RetryPolicy;
  readonly fetch: (request: Request) => Promise<Response>;
  readonly maxResponseBytes: number;
  readonly logger: Logger | undefined;
}

const isPositive = (value: unknown): value is number => typeof value === "number" && value > 0 && !Number.isNaN(value);

function checkNumber(field: string, value: unknown, allowInfinity: boolean): void {
  if (!isPositive(value) || (!allowInfinity && !Number.isFinite(value))) {
    throw new SDKValidationError(field, `must be a positive number${allowInfinity ? " or Infinity" : ""}`);
  }
}

function checkRetryConfig(field: string, config: RetryConfig | undefined): void {
  if (config === undefined) return;
  if (typeof config !== "object" || config === null || (config.strategy !== "none" && config.strategy !== "backoff")) {
    throw new SDKValidationError(`${field}.strategy`, 'must be "none" or "backoff"');
  }
  if (config.strategy === "backoff" && config.backoff !== undefined) {
    for (const [name, value] of Object.entries(config.backoff)) {
      if (value !== undefined) checkNumber(`${field}.backoff.${name}`, value, name === "maxElapsedTime");
    }
  }
}

function checkRetryCodes(field: string, codes: readonly string[] | undefined): void {
  if (codes === undefined) return;
  if (!Array.isArray(codes)) throw new SDKValidationError(field, "must be an array of status codes");
  for (const code of codes) {
    if (typeof code !== "string" || !/^[1-5](\d\d|XX)$/i.test(code)) {
      throw new SDKValidationError(field, 'must hold status codes like "429" or classes like "5XX"');
    }
  }
}

function checkServerURL(field: string, value: string | URL): string {
  try {
    const url = new URL(String(value));
    if (url.protocol === "https:" || url.protocol === "http:") return url.href.replace(/\/+$/, "");
  } catch {
    // reported below
  }
  throw new SDKValidationError(field, "must be an absolute http(s) URL");
}

/** Merges and checks the options; throws {@link SDKValidationError} naming the bad option. */
export function resolveCallConfig(client: Readonly<SDKOptions>, call: RequestOptions = {}): CallConfig {
  if (typeof call !== "object" || call === null) throw new SDKValidationError("options", "must be an object");
  const timeoutMs = call.timeoutMs ?? client.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  checkNumber(call.timeoutMs !== undefined ? "options.timeoutMs" : "timeoutMs", timeoutMs, true);
  checkRetryConfig("retryConfig", client.retryConfig);
  checkRetryConfig("options.retries", call.retries);
  checkRetryCodes("retryCodes", client.retryCodes);
  checkRetryCodes("options.retryCodes", call.retryCodes);
  const maxResponseBytes = client.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  checkNumber("maxResponseBytes", maxResponseBytes, false);
  const fetchImpl = client.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== "function") throw new SDKValidationError("fetch", "must be a function");
  return {
    baseUrl:
      call.serverURL !== undefined
        ? checkServerURL("options.serverURL", call.serverURL)
        : checkServerURL("serverURL", client.serverURL ?? DEFAULT_SERVER_URL),
    timeoutMs,
    retry: resolveRetryPolicy(call.retries ?? client.retryConfig, call.retryCodes ?? client.retryCodes),
    // Bound to globalThis: some runtimes throw "Illegal invocation" for a detached fetch.
    fetch: client.fetch ?? ((request) => globalThis.fetch(request)),
    maxResponseBytes,
    logger: client.debugLogger,
  };
}
