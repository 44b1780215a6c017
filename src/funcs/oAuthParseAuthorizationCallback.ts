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
 * Reads the URL the consent page sent the user back to (any callback the authorization helpers accept:
 * https, http on loopback, or an app's own scheme such as `vscode://…`): `{ code }`, or a typed error when the user
 * denied the request (`error`, `error_description`), when there is no code, or when the URL does not
 * carry `expectedNonce` (in its `nonce` query parameter, else as its last path segment). The consent
 * page has no `state` parameter, so this nonce is the login's CSRF protection: always pass it.
 *
 * @example
 * const res = oAuthParseAuthorizationCallback(location.href, { expectedNonce: sessionStorage.getItem("nonce") ?? "" });
 */
export function oAuthParseAuthorizationCallback(
  url: string | URL,
  options: { expectedNonce?: string | undefined } = {},
): Result<
  {
    /** The authorization code, to exchange with the PKCE verifier. */
    code: string;
  },
  AuthorizationCallbackError | SDKValidationError
> {
  const problem = callbackUrlProblem(url);
  if (problem) return err(new SDKValidationError("url", problem));
  const { searchParams: query, pathname } = new URL(url);
  const expectedNonce = options?.expectedNonce;
  if (expectedNonce !== undefined && (query.get("nonce") ?? pathname.split("/").pop()) !== expectedNonce) {
    return err(
      new AuthorizationCallbackError(
        "The callback does not carry this login's nonce: it is forged or belongs to another attempt",
        "nonce_mismatch",
      ),
    );
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
