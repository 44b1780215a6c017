import { SDKValidationError } from "../models/errors/client-errors.js";
import type { AppHeaders } from "../models/operations/app-headers.js";
import type { SDKOptions } from "./options.js";
import { SDK_VERSION } from "./version.js";

// Browsers forbid setting User-Agent (and Firefox would make it a CORS preflight header).
const inBrowser = typeof (globalThis as { document?: unknown }).document !== "undefined";

/**
 * The request headers: Accept, User-Agent, the app headers (the request's over the client's), the
 * bearer key when there is one, then the caller's `fetchOptions.headers` over all of them.
 */
export function buildHeaders(
  client: Readonly<SDKOptions>,
  request: AppHeaders,
  apiKey: string | undefined,
  extra: HeadersInit | undefined,
): Headers {
  const headers = new Headers({ Accept: "application/json" });
  const set = (name: string, value: string | undefined, field: string) => {
    if (!value) return;
    try {
      headers.set(name, value);
    } catch {
      throw new SDKValidationError(field, "is not a valid HTTP header value (no line breaks or characters beyond Latin-1)");
    }
  };
  set("User-Agent", client.userAgent ?? (inBrowser ? undefined : `openrouter-oauth/${SDK_VERSION}`), "userAgent");
  set("HTTP-Referer", request.httpReferer ?? client.httpReferer, "httpReferer");
  set("X-OpenRouter-Title", request.appTitle ?? client.appTitle, "appTitle");
  set("X-OpenRouter-Categories", request.appCategories ?? client.appCategories, "appCategories");
  if (apiKey !== undefined) set("Authorization", `Bearer ${apiKey}`, "apiKey");
  if (extra) {
    let given: Headers;
    try {
      given = new Headers(extra);
    } catch {
      throw new SDKValidationError("options.fetchOptions.headers", "is not a valid set of HTTP headers");
    }
    given.forEach((value, name) => headers.set(name, value));
  }
  return headers;
}
