import { hideFields, readsHiddenFields } from "../models/errors/hidden-fields.js";

/**
 * Why a browser sign-in did not connect: the consent page's denial (`denied`), a callback that is not this
 * tab's login (`nonce_mismatch`: forged or from another attempt; `not_this_tab`: no login was started in
 * this tab; `missing_code`), the exchange's failure (`exchange_failed`), storage the browser refused
 * (`storage_unavailable`), options that cannot work (`invalid_options`), or a start that failed otherwise
 * (`start_failed`, e.g. no Web Crypto outside a secure context).
 */
export type BrowserSignInErrorKind =
  | "denied"
  | "nonce_mismatch"
  | "not_this_tab"
  | "missing_code"
  | "exchange_failed"
  | "storage_unavailable"
  | "invalid_options"
  | "start_failed";

let layered = false;

/**
 * A browser sign-in failed; `kind` says why, `field` and `reason` say where. Its message is meant for a
 * person and never holds a key, a code or a verifier. For `exchange_failed`, `cause` is the SDK's error
 * (e.g. a `ForbiddenResponseError`): readable in code, left out of every printed view.
 */
export class BrowserSignInError extends Error {
  /** Always `"BrowserSignInError"`. */
  override name = "BrowserSignInError";
  /** The SDK error or the exception underneath, if any: read it in code; it never shows when printed. */
  declare readonly cause: unknown;

  constructor(
    /** Which failure it is. */
    readonly kind: BrowserSignInErrorKind,
    message: string,
    /** What was wrong: an option (`callbackUrl`), a storage (`localStorage`) or the callback URL (`url`). */
    readonly field?: string,
    /**
     * Why, as text: the consent page's `error_description` (else its `error`) when `denied`, untrusted:
     * show it as text, never as HTML; the rule broken when `invalid_options`.
     */
    readonly reason?: string,
    cause?: unknown,
  ) {
    super(message);
    // Here rather than in a static block: a static block would keep the class in every bundle of the package.
    if (!layered) readsHiddenFields(BrowserSignInError);
    layered = true;
    if (cause !== undefined) hideFields(this, { cause });
  }
}
