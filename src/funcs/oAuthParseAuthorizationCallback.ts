/**
 * Reads the URL the consent page sent the user back to. Returns a `Result`, never throws.
 *
 * @module openrouter-oauth/funcs/oAuthParseAuthorizationCallback.js
 */
import { callbackUrlProblem } from "../lib/callback-url.js";
import { err, ok, type Result } from "../lib/result.js";
import { AuthorizationCallbackError } from "../models/errors/authorization-callback-error.js";
import { SDKValidationError } from "../models/errors/client-errors.js";

/**
 * How {@link oAuthParseAuthorizationCallback} checks the callback's nonce: `expectedNonce`, the nonce of
 * the login this callback must belong to (never empty), or `skipNonceCheck: true` to accept a callback
 * without one, which gives up the login's CSRF protection (only for a callback URL that carries no nonce
 * by design, on a flow protected another way).
 */
export type CallbackNonceCheck =
  | {
      /** The nonce of the login this callback must belong to; never empty. */
      expectedNonce: string;
      /** Leave unset: the nonce is checked. */
      skipNonceCheck?: false | undefined;
    }
  | {
      /** Accept a callback without a nonce: no CSRF protection. */
      skipNonceCheck: true;
      /** Leave unset: no nonce is checked. */
      expectedNonce?: undefined;
    };

/** What a callback URL that passed the checks carries. */
export interface AuthorizationCallback {
  /** The authorization code, to exchange with the PKCE verifier. */
  code: string;
}

/**
 * Reads the URL the consent page sent the user back to (any callback the authorization helpers accept:
 * https, http on loopback, or an app's own scheme such as `vscode://…`): `{ code }`, or a typed error when the user
 * denied the request (`error`, `error_description`), when there is no code, or when the URL does not
 * carry `expectedNonce` (in its `nonce` query parameter, else as its last path segment). The consent
 * page has no `state` parameter, so this nonce is the login's CSRF protection: a missing or empty
 * `expectedNonce` is an `SDKValidationError`, and skipping the check takes `skipNonceCheck: true`.
 *
 * @example
 * const nonce = sessionStorage.getItem("nonce");
 * if (nonce) {
 *   const res = oAuthParseAuthorizationCallback(location.href, { expectedNonce: nonce });
 * }
 */
export function oAuthParseAuthorizationCallback(
  url: string | URL,
  options: CallbackNonceCheck,
): Result<AuthorizationCallback, AuthorizationCallbackError | SDKValidationError> {
  const problem = callbackUrlProblem(url);
  if (problem) return err(new SDKValidationError("url", problem));
  const { searchParams: query, pathname } = new URL(url);
  const { expectedNonce, skipNonceCheck } = (options ?? {}) as Partial<{
    expectedNonce: unknown;
    skipNonceCheck: unknown;
  }>;
  if (skipNonceCheck !== true) {
    if (typeof expectedNonce !== "string" || expectedNonce === "") {
      return err(
        new SDKValidationError(
          "expectedNonce",
          "is required and must not be empty: pass this login's nonce (no login is pending without one), or skipNonceCheck: true to accept a callback without CSRF protection",
        ),
      );
    }
    if ((query.get("nonce") ?? pathname.split("/").pop()) !== expectedNonce) {
      return err(
        new AuthorizationCallbackError(
          "The callback does not carry this login's nonce: it is forged or belongs to another attempt",
          "nonce_mismatch",
        ),
      );
    }
  }
  const error = query.get("error");
  if (error !== null) {
    const description = query.get("error_description") ?? undefined;
    return err(
      new AuthorizationCallbackError(
        `The authorization was not granted (${error}${description ? `: ${description}` : ""})`,
        "denied",
        error,
        description,
      ),
    );
  }
  const code = query.get("code");
  return code ? ok({ code }) : err(new AuthorizationCallbackError("The callback URL carries no code", "missing_code"));
}
