import type { OpenRouterCore } from "./core.js";
import { type CompleteAuthorizationParams, oAuthCompleteAuthorization } from "./funcs/oAuthCompleteAuthorization.js";
import { oAuthCreateAuthCode } from "./funcs/oAuthCreateAuthCode.js";
import {
  type CreateAuthorizationUrlRequest,
  oAuthCreateAuthorizationUrl,
} from "./funcs/oAuthCreateAuthorizationUrl.js";
import {
  type CreateSHA256CodeChallengeRequest,
  type CreateSHA256CodeChallengeResponse,
  oAuthCreateSHA256CodeChallenge,
} from "./funcs/oAuthCreateSHA256CodeChallenge.js";
import { oAuthExchangeAuthCodeForAPIKey } from "./funcs/oAuthExchangeAuthCodeForAPIKey.js";
import {
  type AuthorizationCallback,
  type CallbackNonceCheck,
  oAuthParseAuthorizationCallback,
} from "./funcs/oAuthParseAuthorizationCallback.js";
import {
  oAuthStartAuthorization,
  type PendingAuthorization,
  type StartAuthorizationParams,
} from "./funcs/oAuthStartAuthorization.js";
import type { Result } from "./lib/result.js";
import type { RequestOptions } from "./lib/sdks.js";
import type { CreateAuthKeysCodeRequest, CreateAuthKeysCodeResponse } from "./models/operations/create-auth-code.js";
import type {
  ExchangeAuthCodeForAPIKeyRequest,
  ExchangeAuthCodeForAPIKeyResponse,
} from "./models/operations/exchange-auth-code.js";

// The methods return the function's promise `.then(unwrap)` rather than `await` it in an async method:
// the same one promise per call, without an async function's suspended frame.
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
  exchangeAuthCodeForAPIKey(
    request: ExchangeAuthCodeForAPIKeyRequest,
    options?: RequestOptions,
  ): Promise<ExchangeAuthCodeForAPIKeyResponse> {
    return oAuthExchangeAuthCodeForAPIKey(this.#client, request, options).then(unwrap);
  }

  /**
   * Create an authorization code for the PKCE flow. Throws the errors listed on {@link oAuthCreateAuthCode}.
   *
   * @example
   * const { data } = await openRouter.oAuth.createAuthCode({
   *   requestBody: { callbackUrl: "https://myapp.com/auth/callback", limit: 100 },
   * });
   */
  createAuthCode(request: CreateAuthKeysCodeRequest, options?: RequestOptions): Promise<CreateAuthKeysCodeResponse> {
    return oAuthCreateAuthCode(this.#client, request, options).then(unwrap);
  }

  /**
   * Makes a PKCE pair (S256): a random verifier, or the given one checked against RFC 7636.
   * Throws `SDKValidationError` for a bad verifier.
   */
  createSHA256CodeChallenge(params?: CreateSHA256CodeChallengeRequest): Promise<CreateSHA256CodeChallengeResponse> {
    return oAuthCreateSHA256CodeChallenge(params).then(unwrap);
  }

  /**
   * The consent page URL to send the user to. Resolves with it, or rejects with `SDKValidationError` for
   * what the API would reject: a promise, as in `@openrouter/sdk`, though nothing here waits.
   */
  createAuthorizationUrl(params: CreateAuthorizationUrlRequest): Promise<string> {
    return Promise.resolve(oAuthCreateAuthorizationUrl(this.#client, params)).then(unwrap);
  }

  /**
   * Reads the URL the user came back on: `{ code }`, or throws `AuthorizationCallbackError` (denied,
   * no code, wrong nonce), or `SDKValidationError` without a non-empty `expectedNonce` (skipping the
   * check takes `skipNonceCheck: true`).
   */
  parseAuthorizationCallback(url: string | URL, options: CallbackNonceCheck): AuthorizationCallback {
    return unwrap(oAuthParseAuthorizationCallback(url, options));
  }

  /** Starts a login: PKCE pair, nonce-carrying callback URL and consent page URL in one call. */
  startAuthorization(params: StartAuthorizationParams): Promise<PendingAuthorization> {
    return oAuthStartAuthorization(this.#client, params).then(unwrap);
  }

  /** Finishes a login: checks the callback URL and exchanges its code for the user's key. */
  completeAuthorization(
    params: CompleteAuthorizationParams,
    options?: RequestOptions,
  ): Promise<ExchangeAuthCodeForAPIKeyResponse> {
    return oAuthCompleteAuthorization(this.#client, params, options).then(unwrap);
  }
}
