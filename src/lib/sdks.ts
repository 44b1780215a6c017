/**
 * The client base class and the per-call options, at the path `@openrouter/sdk` exports them from.
 *
 * @module openrouter-oauth/lib/sdks
 */

import { refuseCredentials } from "./callback-url.js";
import type { SDKOptions } from "./config.js";
import type { RetryConfig } from "./retries.js";

/**
 * Per-call options; each overrides the client's option of the same name. Any other `fetch` option
 * (`headers`, `cache`, `credentials`…) may be given here or in `fetchOptions`; the method and the
 * body are the SDK's.
 *
 * @example
 * await openRouter.oAuth.createAuthCode(request, { timeoutMs: 5_000, retries: { strategy: "none" } });
 */
export interface RequestOptions extends Omit<RequestInit, "method" | "body" | "signal"> {
  /** Extra `fetch` options, as `@openrouter/sdk` took them before it flattened them into these options. */
  fetchOptions?: Omit<RequestInit, "method" | "body"> | undefined;
  /** How this call retries. */
  retries?: RetryConfig | undefined;
  /** Status codes retried on this call. */
  retryCodes?: readonly string[] | undefined;
  /** Time limit of this call in milliseconds, across all attempts. */
  timeoutMs?: number | undefined;
  /** The API base URL for this call. */
  serverURL?: string | URL | undefined;
  /** Aborts the call, also during a backoff wait. */
  signal?: AbortSignal | null | undefined;
}

// Kept apart from the instances: the API key never shows in util.inspect, JSON.stringify or a spread.
const optionsOf = new WeakMap<ClientSDK, Readonly<SDKOptions>>();

/**
 * The base class of both clients (`OpenRouterCore` and `OpenRouter`): it holds the options
 * and nothing else.
 */
export class ClientSDK {
  /**
   * @throws {SDKValidationError} when `serverURL` carries a user name or password: held until a call,
   * it could end up printed. The other options are checked at the first call, which returns the error.
   */
  constructor(options: SDKOptions = {}) {
    const { serverURL } = options;
    if ((typeof serverURL === "string" || serverURL instanceof URL) && URL.canParse(serverURL)) {
      refuseCredentials("serverURL", new URL(serverURL));
    }
    optionsOf.set(this, { ...options });
  }
}

/** @internal The client's options, for the operation pipeline only. */
export const clientOptionsOf = (client: ClientSDK): Readonly<SDKOptions> => optionsOf.get(client)!;
