/**
 * {@link OpenRouterCore} alone, the client for the standalone functions under `funcs/`: import it from
 * here (with the functions you use) for the smallest bundles.
 *
 * @module openrouter-oauth/core.js
 */

import { refuseCredentials } from "./lib/client-options.js";
import type { SDKOptions } from "./lib/options.js";

export type { APIKeySource, RequestOptions, SDKOptions } from "./lib/options.js";
export type { BackoffStrategy, RetryConfig } from "./lib/retries.js";

let readOptions: (core: OpenRouterCore) => Readonly<SDKOptions>;

/**
 * The minimal client: it holds the options and nothing else. Pass it to the standalone functions
 * under `funcs/` for the smallest bundles; they return a `Result` and never throw.
 *
 * @example
 * const core = new OpenRouterCore({ apiKey: process.env.OPENROUTER_API_KEY });
 * const res = await oAuthCreateAuthCode(core, { requestBody: { callbackUrl } });
 */
export class OpenRouterCore {
  // A true private field: the API key never shows in util.inspect, JSON.stringify or a spread.
  readonly #options: Readonly<SDKOptions>;

  static {
    readOptions = (core) => core.#options;
  }

  /**
   * @throws {SDKValidationError} when `serverURL` carries a user name or password: held until a call,
   * it could end up printed. The other options are checked at the first call, which returns the error.
   */
  constructor(options: SDKOptions = {}) {
    const { serverURL } = options;
    if ((typeof serverURL === "string" || serverURL instanceof URL) && URL.canParse(serverURL)) {
      refuseCredentials("serverURL", new URL(serverURL));
    }
    this.#options = { ...options };
  }
}

/** @internal The client's options, for the operation pipeline only. */
export const coreState = (core: OpenRouterCore): Readonly<SDKOptions> => readOptions(core);
