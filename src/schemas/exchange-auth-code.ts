import * as z from "../lib/zod.js";
import { codeChallengeMethod, optionalString, requestWith, stringWhere } from "./shared.js";

/** The request as the SDK takes it (camelCase). Strict: a misspelt field is an error, not silently dropped. */
export const exchangeAuthCodeRequest = z.lazy(() =>
  requestWith(
    z.strictObject({
      code: stringWhere((code) => code.length > 0, "must not be empty"),
      codeVerifier: optionalString,
      codeChallengeMethod: z.optional(z.nullable(codeChallengeMethod)),
    }),
  ),
);

/** The 200 body on the wire (snake_case). Lenient: unknown fields are ignored; a missing `user_id` becomes null. */
export const exchangeAuthCodeResponseWire = z.lazy(() =>
  z.object({
    key: z.string(),
    user_id: z.optional(z.nullable(z.string())),
  }),
);
