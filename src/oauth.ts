import type { OpenRouterCore } from "./core.js";
import { oAuthCreateAuthCode } from "./funcs/oAuthCreateAuthCode.js";
import { oAuthExchangeAuthCodeForAPIKey } from "./funcs/oAuthExchangeAuthCodeForAPIKey.js";
import type { RequestOptions } from "./lib/options.js";
import type { Result } from "./lib/result.js";
import type { CreateAuthKeysCodeRequest, CreateAuthKeysCodeResponse } from "./models/operations/create-auth-code.js";
import type {
  ExchangeAuthCodeForAPIKeyRequest,
  ExchangeAuthCodeForAPIKeyResponse,
} from "./models/operations/exchange-auth-code.js";

function unwrap<T>(result: Result<T, unknown>): T {
  if (result.ok) return result.value;
  throw result.error;
}

/** The OAuth operations as methods that resolve with the value or throw the typed error. */
export class OAuth {
  readonly #client: OpenRouterCore;

  constructor(client: OpenRouterCore) {
    this.#client = client;
  }

  /**
   * Exchange an authorization code from the PKCE flow for a user-controlled API key.
   * Throws the errors listed on {@link oAuthExchangeAuthCodeForAPIKey}.
   *
   * @example
   * const { key } = await openRouter.oAuth.exchangeAuthCodeForAPIKey({
   *   requestBody: { code, codeVerifier, codeChallengeMethod: "S256" },
   * });
   */
  async exchangeAuthCodeForAPIKey(
    request: ExchangeAuthCodeForAPIKeyRequest,
    options?: RequestOptions,
  ): Promise<ExchangeAuthCodeForAPIKeyResponse> {
    return unwrap(await oAuthExchangeAuthCodeForAPIKey(this.#client, request, options));
  }

  /**
   * Create an authorization code for the PKCE flow. Throws the errors listed on {@link oAuthCreateAuthCode}.
   *
   * @example
   * const { data } = await openRouter.oAuth.createAuthCode({
   *   requestBody: { callbackUrl: "https://myapp.com/auth/callback", limit: 100 },
   * });
   */
  async createAuthCode(
    request: CreateAuthKeysCodeRequest,
    options?: RequestOptions,
  ): Promise<CreateAuthKeysCodeResponse> {
    return unwrap(await oAuthCreateAuthCode(this.#client, request, options));
  }
}
