/**
 * The loopback login for CLI tools and other local Node programs. The only part of the package that
 * uses Node's built-in modules; everything else runs on web-standard APIs.
 *
 * @module openrouter-oauth/node
 */
export {
  DENO_NET_DENIED,
  LoginAbortedError,
  LoginTimeoutError,
  LoopbackBindError,
  type LoopbackLoginError,
} from "./errors.js";
export {
  DEFAULT_LOGIN_TIMEOUT_MS,
  type LoopbackLoginOptions,
  type LoopbackLoginResult,
  loginWithLoopback,
  type PasteRejection,
} from "./login-with-loopback.js";
