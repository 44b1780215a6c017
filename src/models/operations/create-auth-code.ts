import type { operations } from "../../../generated/openrouter-oauth.js";
import type { CamelCased } from "../../lib/casing.js";
import type { AppHeaders } from "./app-headers.js";

// Upstream describes both bodies inline in the operation, not as named components.
type Wire = operations["createAuthKeysCode"];

/**
 * The body of `POST /auth/keys/code`, camelCased from the spec. `expiresAt` also takes a `Date`.
 *
 * @example
 * { callbackUrl: "https://myapp.com/auth/callback", codeChallenge, codeChallengeMethod: "S256", limit: 100 }
 *
 * @interface
 */
export type CreateAuthKeysCodeRequestBody = Omit<
  CamelCased<Wire["requestBody"]["content"]["application/json"]>,
  "expiresAt"
> & {
  /** When the key to be created expires: a `Date` or an ISO 8601 date-time with offset; `null` for never. */
  expiresAt?: Date | string | null | undefined;
};

/** The request of {@link oAuthCreateAuthCode}: the body plus optional per-request app headers. */
export interface CreateAuthKeysCodeRequest extends AppHeaders {
  /** The JSON body, camelCase here and snake_case on the wire. */
  requestBody: CreateAuthKeysCodeRequestBody;
}

/**
 * `{ data: { id, appId, createdAt } }`; `data.id` is the code to exchange.
 *
 * @interface
 * @property data - The authorization code just created: its `id` (the code), `appId` and `createdAt`.
 */
export type CreateAuthKeysCodeResponse = CamelCased<Wire["responses"][200]["content"]["application/json"]>;
