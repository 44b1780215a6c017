// The ways a loopback login can end without a key that are particular to it. The others are the SDK's:
// AuthorizationCallbackError (denied, no code, wrong nonce) and the exchange's typed HTTP and client errors.
import type { AuthorizationCallbackError, SDKError } from "../index.js";

/** No callback (or pasted code) came, or the exchange did not finish, within `timeoutMs`. */
export class LoginTimeoutError extends Error {
  /** Always `"LoginTimeoutError"`. */
  override name = "LoginTimeoutError";

  constructor(
    /** The limit that ran out, in ms. */
    readonly timeoutMs: number,
  ) {
    super(`The login did not complete within ${timeoutMs} ms`);
  }
}

/** The caller's `signal` aborted the login (the CLI aborts on Ctrl-C). */
export class LoginAbortedError extends Error {
  /** Always `"LoginAbortedError"`. */
  override name = "LoginAbortedError";

  constructor(message = "The login was aborted") {
    super(message);
  }
}

/** {@link LoopbackBindError.code} when Deno was not allowed to use the network (run it with `--allow-net`). */
export const DENO_NET_DENIED = "ERR_DENO_NET_PERMISSION";

/**
 * The callback server could not listen on its address: most often the `port` asked for is in use
 * (`code` is then `EADDRINUSE`), or Deno runs without network permission (`code` is then
 * `ERR_DENO_NET_PERMISSION`). Nothing was sent and no browser was opened.
 */
export class LoopbackBindError extends Error {
  /** Always `"LoopbackBindError"`. */
  override name = "LoopbackBindError";

  constructor(
    /** The address it tried, `127.0.0.1`. */
    readonly host: string,
    /** The port it tried; 0 means any free one. */
    readonly port: number,
    /** The system's error code, e.g. `EADDRINUSE` or `EACCES`. */
    readonly code: string | undefined,
  ) {
    super(
      code === "EADDRINUSE"
        ? `Port ${port} on ${host} is already in use: choose another port, or 0 for any free one`
        : code === DENO_NET_DENIED
          ? `Cannot listen on ${host}:${port}: Deno has no network permission; run it with --allow-net (or -A)`
          : `Cannot listen on ${host}:${port}${code ? ` (${code})` : ""}`,
    );
  }
}

/** Every error {@link loginWithLoopback} can reject with. */
export type LoopbackLoginError =
  | LoginTimeoutError
  | LoginAbortedError
  | LoopbackBindError
  | AuthorizationCallbackError
  | SDKError;
