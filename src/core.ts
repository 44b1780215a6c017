import openapiFetch, { type Client } from "openapi-fetch";
import type { paths } from "../generated/openrouter-oauth.js";
import { DEFAULT_SERVER_URL, type SDKOptions } from "./lib/options.js";

export type { APIKeySource, RequestOptions, SDKOptions } from "./lib/options.js";
export type { BackoffStrategy, RetryConfig } from "./lib/retries.js";

// Under require() the default import is openapi-fetch's module object rather than the function.
const createClient: typeof openapiFetch =
  typeof openapiFetch === "function" ? openapiFetch : (openapiFetch as unknown as { default: typeof openapiFetch }).default;

/** What the operation pipeline needs from a client. */
export interface CoreState {
  readonly options: Readonly<SDKOptions>;
  readonly http: Client<paths>;
}

let readState: (core: OpenRouterCore) => CoreState;

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
  readonly #state: CoreState;

  static {
    readState = (core) => core.#state;
  }

  constructor(options: SDKOptions = {}) {
    this.#state = { options: { ...options }, http: createClient<paths>() };
  }

  /** Shows the server and whether a key is set, never the key. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    const { apiKey, serverURL = DEFAULT_SERVER_URL } = this.#state.options;
    return `${this.constructor.name} { serverURL: '${String(serverURL)}', apiKey: ${apiKey ? "[set]" : "none"} }`;
  }
}

/** @internal The client's options and HTTP client, for the operation pipeline only. */
export const coreState = (core: OpenRouterCore): CoreState => readState(core);
