import { consentPageUrlProblem } from "../lib/callback-url.js";
import * as z from "../lib/zod.js";
import { callbackUrlCheck, codeChallengeMethod, stringWhere } from "./shared.js";

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
    callbackUrl: z.check(z.custom<string | URL>(isURLLike, "must be a string or a URL"), callbackUrlCheck),
    codeChallenge: z.optional(stringWhere((challenge) => challenge.length > 0, "must not be empty")),
    codeChallengeMethod: z.optional(codeChallengeMethod),
    limit: z.optional(z.number()),
    authorizationUrl: z.optional(
      z.custom<string | URL>(
        (url) => isURLLike(url) && !consentPageUrlProblem(url),
        (issue) => (isURLLike(issue.input) ? consentPageUrlProblem(issue.input) : "must be a string or a URL"),
      ),
    ),
  }),
);
