import * as z from "zod/mini";
import { appHeaderFields, codeChallengeMethod, isAcceptedCallbackUrl } from "./shared.js";

/** The request as the SDK takes it (camelCase). Strict: a misspelt field is an error, not silently dropped. */
export const createAuthCodeRequest = z.strictObject({
  requestBody: z.strictObject({
    callbackUrl: z.string().check(
      z.refine(isAcceptedCallbackUrl, "must be an absolute https URL, or http on localhost or 127.0.0.1"),
    ),
    codeChallenge: z.optional(z.string()),
    codeChallengeMethod: z.optional(codeChallengeMethod),
    limit: z.optional(z.number()),
    expiresAt: z.optional(
      z.nullable(
        z.union([z.pipe(z.date(), z.transform((date) => date.toISOString())), z.iso.datetime({ offset: true })]),
      ),
    ),
    keyLabel: z.optional(z.string().check(z.maxLength(100))),
    usageLimitType: z.optional(z.enum(["daily", "weekly", "monthly"])),
    workspaceId: z.optional(z.guid()),
  }),
  ...appHeaderFields,
});

/** The 200 body on the wire (snake_case). Lenient: unknown fields are ignored. */
export const createAuthCodeResponseWire = z.object({
  data: z.object({
    id: z.string(),
    app_id: z.number().check(z.int()),
    created_at: z.string(),
  }),
});
