/**
 * {@link OpenRouterCore} alone, the client for the standalone functions under `funcs/`: import it from
 * here (with the functions you use) for the smallest bundles.
 *
 * @module openrouter-oauth/core.js
 */
import { ClientSDK } from "./lib/sdks.js";

export type { APIKeySource, SDKOptions } from "./lib/config.js";
export type { BackoffStrategy, RetryConfig } from "./lib/retries.js";
export type { RequestOptions } from "./lib/sdks.js";

/**
 * The minimal client: it holds the options and nothing else. Pass it to the standalone functions
 * under `funcs/` for the smallest bundles; they return a `Result` and never throw.
 *
 * @example
 * const core = new OpenRouterCore({ apiKey: process.env.OPENROUTER_API_KEY });
 * const res = await oAuthCreateAuthCode(core, { requestBody: { callbackUrl } });
 */
export class OpenRouterCore extends ClientSDK {}
