/**
 * The package root: the {@link OpenRouter} class (methods that resolve or throw), {@link OpenRouterCore}
 * and the standalone functions (tree-shakable, returning a {@link Result}), the PKCE flow helpers, every
 * error class and the request and response types.
 *
 * @module openrouter-oauth
 */
export { OpenRouterCore } from "./core.js";
export { type CompleteAuthorizationParams, oAuthCompleteAuthorization } from "./funcs/oAuthCompleteAuthorization.js";
export { oAuthCreateAuthCode } from "./funcs/oAuthCreateAuthCode.js";
export {
  type CreateAuthorizationUrlParams,
  type CreateAuthorizationUrlRequest,
  oAuthCreateAuthorizationUrl,
} from "./funcs/oAuthCreateAuthorizationUrl.js";
export {
  type CodeChallengePair,
  type CreateSHA256CodeChallengeRequest,
  type CreateSHA256CodeChallengeResponse,
  oAuthCreateSHA256CodeChallenge,
} from "./funcs/oAuthCreateSHA256CodeChallenge.js";
export { oAuthExchangeAuthCodeForAPIKey } from "./funcs/oAuthExchangeAuthCodeForAPIKey.js";
export {
  type AuthorizationCallback,
  type CallbackNonceCheck,
  oAuthParseAuthorizationCallback,
} from "./funcs/oAuthParseAuthorizationCallback.js";
export {
  oAuthStartAuthorization,
  type PendingAuthorization,
  type StartAuthorizationParams,
} from "./funcs/oAuthStartAuthorization.js";
export { createCallbackNonce, withCallbackNonce } from "./lib/callback-nonce.js";
export { type APIKeySource, type SDKOptions, ServerList, ServerProduction } from "./lib/config.js";
export { type Fetcher, HTTPClient, type HTTPClientOptions } from "./lib/http.js";
export type { Logger } from "./lib/logger.js";
export type { Err, OK, Result } from "./lib/result.js";
export type { BackoffStrategy, RetryConfig } from "./lib/retries.js";
export { ClientSDK, type RequestOptions } from "./lib/sdks.js";
export { SDK_VERSION } from "./lib/version.js";
export * from "./models/errors/index.js";
export * from "./models/operations/index.js";
export { OAuth } from "./oauth.js";
export { OpenRouter } from "./sdk.js";
export type { ClosedEnum, OpenEnum, Unrecognized } from "./types/enums.js";
