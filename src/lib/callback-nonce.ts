import { randomToken } from "./random.js";

/** A fresh random nonce (16 bytes, base64url) to tie one login's callback to the browser that started it. */
export const createCallbackNonce = (): string => randomToken(16);

/**
 * The callback URL with `nonce` added to its own query. The consent page keeps the callback's query
 * and appends `code`, so the nonce comes back with it (the page has no `state` parameter).
 */
export function withCallbackNonce(callbackUrl: string | URL, nonce: string): string {
  const url = new URL(String(callbackUrl));
  url.searchParams.set("nonce", nonce);
  return url.href;
}
