import type * as generated from "../../../generated/public-types.js";
import type { OpenEnum } from "../../types/enums.js";
import type { AppHeaders } from "./app-headers.js";

// The bodies are generated from the spec as documented interfaces (scripts/public-types.mjs).
export type { CreateAuthKeysCodeResponse, CreateAuthKeysCodeResponseData } from "../../../generated/public-types.js";

/**
 * The body of `POST /auth/keys/code` (createAuthCode), camelCase here and snake_case on the wire: the
 * generated interface, with its enum fields typed as `@openrouter/sdk` types them ({@link OpenEnum}).
 */
export interface CreateAuthKeysCodeRequestBody
  extends Omit<generated.CreateAuthKeysCodeRequestBody, "codeChallengeMethod" | "usageLimitType"> {
  // The fields' descriptions are the spec's, word for word (test/editor-hover.test.ts holds them to it).
  /**
   * The method used to generate the code challenge
   *
   * @example "S256"
   */
  codeChallengeMethod?: CreateAuthKeysCodeCodeChallengeMethod | undefined;
  /**
   * Optional credit limit reset interval. When set, the credit limit resets on this interval.
   *
   * @example "monthly"
   */
  usageLimitType?: UsageLimitType | undefined;
}

/** The request of {@link oAuthCreateAuthCode}: the body plus optional per-request app headers. */
export interface CreateAuthKeysCodeRequest extends AppHeaders {
  /** The JSON body, camelCase here and snake_case on the wire. */
  requestBody: CreateAuthKeysCodeRequestBody;
}

/** The `data` of {@link CreateAuthKeysCodeResponse}, under `@openrouter/sdk`'s name. */
export type CreateAuthKeysCodeData = generated.CreateAuthKeysCodeResponseData;

/** The app headers a createAuthCode request may carry, under `@openrouter/sdk`'s name. */
export type CreateAuthKeysCodeGlobals = AppHeaders;

/** The PKCE methods of createAuthCode's `codeChallengeMethod`, as values (`S256` recommended). */
export const CreateAuthKeysCodeCodeChallengeMethod = {
  /** The challenge is base64url(SHA-256(verifier)): recommended. */
  S256: "S256",
  /** The challenge is the verifier itself. */
  Plain: "plain",
} as const;
/** One of {@link CreateAuthKeysCodeCodeChallengeMethod}'s values ({@link OpenEnum}: typed open, checked closed). */
export type CreateAuthKeysCodeCodeChallengeMethod = OpenEnum<typeof CreateAuthKeysCodeCodeChallengeMethod>;

/** How often the credit `limit` of the key to be created resets, as values. */
export const UsageLimitType = {
  /** The limit resets every day. */
  Daily: "daily",
  /** The limit resets every week. */
  Weekly: "weekly",
  /** The limit resets every month. */
  Monthly: "monthly",
} as const;
/** One of {@link UsageLimitType}'s values ({@link OpenEnum}: typed open, checked closed). */
export type UsageLimitType = OpenEnum<typeof UsageLimitType>;
