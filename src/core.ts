import openapiFetch, { type Client } from "openapi-fetch";
import type { paths } from "../generated/openrouter-oauth.js";
import { DEFAULT_SERVER_URL, type SDKOptions } from "./lib/options.js";

export type { APIKeySource, RequestOptions, SDKOptions } from "./lib/options.js";
export type { BackoffStrategy, RetryConfig } from "./lib/retries.js";

/** What the operation pipeline needs from a client; kept in a private field so no secret is ever enumerable. */
export interface CoreState {
  readonly options: Readonly<SDKOptions>;
  readonly http: Client<paths>;
}

// Under require() the default import is openapi-fetch's module object rather than the function.
const createClient: typeof openapiFetch =
  typeof openapiFetch === "function" ? openapiFetch : (openapiFetch as unknown as { default: typeof openapiFetch }).default;

let readState: (core: OpenRouterCore) => CoreState;

/**
 * The minimal client: holds the options and nothing else. Pass it to the standalone functions under
 * `funcs/` for the smallest bundles; they return a `Result` and never throw.
 *
 * @example
 * const core = new OpenRouterCore({ apiKey: process.env.OPENROUTER_API_KEY });
 * const res = await oAuthCreateAuthCode(core, { requestBody: { callbackUrl } });
 */
export class OpenRouterCore {
  readonly #state: CoreState;

  static {
    readState = (core) => core.#state;
  }

  constructor(options: SDKOptions = {}) {
    this.#state = { options: { ...options }, http: createClient<paths>() };
  }

  /** Shows the server and whether a key is set, never the key. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    const { options } = this.#state;
    const key = options.apiKey === undefined || options.apiKey === "" ? "none" : "[set]";
    return `${this.constructor.name} { serverURL: '${String(options.serverURL ?? DEFAULT_SERVER_URL)}', apiKey: ${key} }`;
  }

  /** JSON form without secrets, for logs. */
  toJSON(): { serverURL: string } {
    return { serverURL: String(this.#state.options.serverURL ?? DEFAULT_SERVER_URL) };
  }
}

/** @internal The client's options and HTTP client, for the operation pipeline only. */
export const coreState = (core: OpenRouterCore): CoreState => readState(core);
