import { callbackUrlProblem, consentPageUrlProblem } from "../lib/callback-url.js";
import * as z from "../lib/zod.js";
import { codeChallengeMethod, stringWhere, valueWhere } from "./shared.js";

const verifierPattern = /^[A-Za-z\d\-._~]{43,128}$/;

/** The parameters of oAuthCreateSHA256CodeChallenge. */
export const codeChallengeParams = z.lazy(() =>
  z.strictObject({
    codeVerifier: z.optional(
      stringWhere(
        (verifier) => verifierPattern.test(verifier),
        "must be 43 to 128 characters of A-Z, a-z, 0-9 and - . _ ~ (RFC 7636)",
      ),
    ),
  }),
);

const isURLLike = (value: unknown): value is string | URL => typeof value === "string" || value instanceof URL;

/** The parameters of oAuthCreateAuthorizationUrl. */
export const authorizationUrlParams = z.lazy(() =>
  z.strictObject({
    callbackUrl: valueWhere(isURLLike, "must be a string or a URL", callbackUrlProblem),
    codeChallenge: z.optional(stringWhere((challenge) => challenge.length > 0, "must not be empty")),
    codeChallengeMethod: z.optional(codeChallengeMethod),
    limit: z.optional(z.number()),
    authorizationUrl: z.optional(valueWhere(isURLLike, "must be a string or a URL", consentPageUrlProblem)),
  }),
);
