import * as z from "../lib/zod.js";
import { callbackUrlString, codeChallengeMethod, isDateTime, requestWith, stringWhere, valueWhere } from "./shared.js";

const uuid = /^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/i;

/** The request as the SDK takes it (camelCase). Strict: a misspelt field is an error, not silently dropped. */
export const createAuthCodeRequest = z.lazy(() =>
  requestWith(
    z.strictObject({
      callbackUrl: callbackUrlString,
      codeChallenge: z.optional(stringWhere((challenge) => challenge.length > 0, "must not be empty")),
      codeChallengeMethod: z.optional(codeChallengeMethod),
      limit: z.optional(
        valueWhere(
          (limit: unknown): limit is number => Number.isFinite(limit),
          "must be of type number",
          (limit) => (limit > 0 ? undefined : "must be greater than 0"),
        ),
      ),
      // A Date goes on the wire as its ISO string: JSON.stringify calls Date#toJSON.
      expiresAt: z.optional(
        z.nullable(
          z.custom<Date | string>(
            isDateTime,
            "must be a Date (years 0000-9999) or an ISO 8601 date-time with seconds and a zone: 2027-12-31T23:59:59Z",
          ),
        ),
      ),
      keyLabel: z.optional(stringWhere((label) => label.length <= 100, "must be at most 100 characters")),
      usageLimitType: z.optional(z.enum(["daily", "weekly", "monthly"])),
      workspaceId: z.optional(stringWhere((id) => uuid.test(id), "must be a UUID")),
    }),
  ),
);

/** The 200 body on the wire (snake_case). Lenient: unknown fields are ignored. */
export const createAuthCodeResponseWire = z.lazy(() =>
  z.object({
    data: z.object({
      id: z.string(),
      app_id: z.number(),
      created_at: z.string(),
    }),
  }),
);
