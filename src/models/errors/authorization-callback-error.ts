/** What was wrong with the URL the user came back on. */
export type AuthorizationCallbackErrorKind = "denied" | "missing_code" | "nonce_mismatch";

/**
 * The redirect back from the consent page cannot be used: the user denied the request (`error`,
 * `error_description` from the page), the URL carries no code, or its nonce is not this login's
 * (a forged or stale callback). The message never contains the code.
 */
export class AuthorizationCallbackError extends Error {
  /** Always `"AuthorizationCallbackError"`. */
  override name = "AuthorizationCallbackError";

  constructor(
    message: string,
    /** Which of the three it is. */
    readonly kind: AuthorizationCallbackErrorKind,
    /** The consent page's `error`, e.g. `access_denied`, when it was denied. */
    readonly error?: string,
    /** The consent page's `error_description`, when it sent one. Treat it as untrusted text. */
    readonly errorDescription?: string,
  ) {
    super(message);
  }
}
