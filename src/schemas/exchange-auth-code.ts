import * as z from "zod/mini";
import { appHeaderFields, codeChallengeMethod } from "./shared.js";

/** The request as the SDK takes it (camelCase). Strict: a misspelt field is an error, not silently dropped. */
export const exchangeAuthCodeRequest = z.strictObject({
  requestBody: z.strictObject({
    code: z.string().check(z.minLength(1)),
    codeVerifier: z.optional(z.string()),
    codeChallengeMethod: z.optional(z.nullable(codeChallengeMethod)),
  }),
  ...appHeaderFields,
});

/** The 200 body on the wire (snake_case). Lenient: unknown fields are ignored, a missing `user_id` is null. */
export const exchangeAuthCodeResponseWire = z.object({
  key: z.string(),
  user_id: z._default(z.nullable(z.string()), null),
});
