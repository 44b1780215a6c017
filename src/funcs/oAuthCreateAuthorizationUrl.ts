/**
 * Builds the consent page URL. Returns a `Result`, never throws.
 *
 * @module openrouter-oauth/funcs/oAuthCreateAuthorizationUrl.js
 */
import type { OpenRouterCore } from "../core.js";
import { resolveClientOptions } from "../lib/call-config.js";
import { err, ok, type Result } from "../lib/result.js";
import { clientOptionsOf } from "../lib/sdks.js";
import { validateInput } from "../lib/zod.js";
import { SDKValidationError } from "../models/errors/client-errors.js";
import { authorizationUrlParams } from "../schemas/pkce.js";

/** The parameters of {@link oAuthCreateAuthorizationUrl}. */
export interface CreateAuthorizationUrlParams {
  /**
   * Where the consent page sends the user back: https; http only on loopback (`localhost`, 127.0.0.0/8, `[::1]`);
   * or an app's own scheme (`vscode://publisher.name/openrouter`, `com.example.app:/callback`). Refused:
   * `javascript:`, `data:`, `file:` and the other schemes a browser runs or reads locally.
   */
  callbackUrl: string | URL;
  /** The PKCE challenge; recommended. Needs `codeChallengeMethod`. */
  codeChallenge?: string | undefined;
  /** `"S256"` (recommended) or `"plain"`. Needs `codeChallenge`. */
  codeChallengeMethod?: "S256" | "plain" | undefined;
  /** Credit limit of the key the user will create; `0` is kept, `undefined` left out. */
  limit?: number | undefined;
  /**
   * The consent page. Default: `/auth` on the origin of the client's server URL (its `serverURL`, else
   * `OPENROUTER_BASE_URL`, else `https://openrouter.ai/auth`).
   */
  authorizationUrl?: string | URL | undefined;
}

/** The parameters of {@link oAuthCreateAuthorizationUrl}, under `@openrouter/sdk`'s name. */
export type CreateAuthorizationUrlRequest = CreateAuthorizationUrlParams;

/**
 * Builds the URL of OpenRouter's consent page, to send the user to. Checks what the API would
 * reject or what is dangerous: a callback URL that is not absolute, plain http off loopback, a scheme a
 * browser runs or reads locally (`javascript:`, `data:`, `file:` …), a challenge without a method, a method
 * without a challenge. App schemes (`vscode://…`) are accepted.
 *
 * @example
 * const res = oAuthCreateAuthorizationUrl(core, { callbackUrl, codeChallenge, codeChallengeMethod: "S256" });
 * if (res.ok) location.assign(res.value);
 */
export function oAuthCreateAuthorizationUrl(
  client: OpenRouterCore,
  params: CreateAuthorizationUrlParams,
): Result<string, SDKValidationError> {
  try {
    const { callbackUrl, codeChallenge, codeChallengeMethod, limit, authorizationUrl } = validateInput(
      authorizationUrlParams,
      params,
    );
    if (codeChallenge !== undefined && codeChallengeMethod === undefined) {
      throw new SDKValidationError("codeChallengeMethod", "is required with a codeChallenge");
    }
    if (codeChallengeMethod !== undefined && codeChallenge === undefined) {
      throw new SDKValidationError("codeChallenge", "is required with a codeChallengeMethod");
    }
    const url = new URL(authorizationUrl ?? new URL("/auth", resolveClientOptions(clientOptionsOf(client)).baseUrl));
    url.searchParams.set("callback_url", String(callbackUrl));
    if (codeChallenge !== undefined && codeChallengeMethod !== undefined) {
      url.searchParams.set("code_challenge", codeChallenge);
      url.searchParams.set("code_challenge_method", codeChallengeMethod);
    }
    if (limit !== undefined) url.searchParams.set("limit", String(limit));
    return ok(url.href);
  } catch (error) {
    return err(
      error instanceof SDKValidationError ? error : new SDKValidationError("serverURL", "must be an absolute URL"),
    );
  }
}
