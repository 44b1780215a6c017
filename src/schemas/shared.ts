// Building blocks shared by the operation schemas. Internal: zod types never reach the public .d.ts.
import * as z from "zod/mini";

export const codeChallengeMethod = z.enum(["S256", "plain"]);

/** The optional app headers that a request may carry beside its body. */
export const appHeaderFields = {
  httpReferer: z.optional(z.string()),
  appTitle: z.optional(z.string()),
  appCategories: z.optional(z.string()),
};

const loopbackHosts = new Set(["localhost", "127.0.0.1"]);

/** Whether the API accepts this callback URL: https anywhere, or http on localhost / 127.0.0.1. */
export function isAcceptedCallbackUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" || (url.protocol === "http:" && loopbackHosts.has(url.hostname));
  } catch {
    return false;
  }
}
