import type { CreateAuthKeysCodeRequestBody, CreateAuthKeysCodeResponseData } from "../../../generated/public-types.js";
import type { AppHeaders } from "./app-headers.js";

// The bodies are generated from the spec as documented interfaces (scripts/public-types.mjs).
export type {
  CreateAuthKeysCodeRequestBody,
  CreateAuthKeysCodeResponse,
  CreateAuthKeysCodeResponseData,
} from "../../../generated/public-types.js";

/** The request of {@link oAuthCreateAuthCode}: the body plus optional per-request app headers. */
export interface CreateAuthKeysCodeRequest extends AppHeaders {
  /** The JSON body, camelCase here and snake_case on the wire. */
  requestBody: CreateAuthKeysCodeRequestBody;
}

/** The `data` of {@link CreateAuthKeysCodeResponse}, under `@openrouter/sdk`'s name. */
export type CreateAuthKeysCodeData = CreateAuthKeysCodeResponseData;

/** The app headers a createAuthCode request may carry, under `@openrouter/sdk`'s name. */
export type CreateAuthKeysCodeGlobals = AppHeaders;

/** The PKCE methods of createAuthCode's `codeChallengeMethod`, as values (`S256` recommended). */
export const CreateAuthKeysCodeCodeChallengeMethod = {
  /** The challenge is base64url(SHA-256(verifier)): recommended. */
  S256: "S256",
  /** The challenge is the verifier itself. */
  Plain: "plain",
} as const;
/** One of {@link CreateAuthKeysCodeCodeChallengeMethod}'s values. */
export type CreateAuthKeysCodeCodeChallengeMethod =
  (typeof CreateAuthKeysCodeCodeChallengeMethod)[keyof typeof CreateAuthKeysCodeCodeChallengeMethod];

/** How often the credit `limit` of the key to be created resets, as values. */
export const UsageLimitType = {
  /** The limit resets every day. */
  Daily: "daily",
  /** The limit resets every week. */
  Weekly: "weekly",
  /** The limit resets every month. */
  Monthly: "monthly",
} as const;
/** One of {@link UsageLimitType}'s values. */
export type UsageLimitType = (typeof UsageLimitType)[keyof typeof UsageLimitType];
