import { SDKValidationError } from "../models/errors/client-errors.js";

// The one rule for the URLs a secret is sent to, shared by the authorization helpers, the callback parser,
// createAuthCode and the server URL. It refuses only what is dangerous; limits the server adds on top
// (ports, say) are the server's to answer. Shipping integrations are the reference for what must pass:
// https, http to loopback, and apps' own schemes (`vscode://`, `cursor://`, `jetbrains://`, `com.example.app:/`).

/**
 * Schemes a browser runs, reads locally or keeps for itself: a code sent there goes to a script, a local
 * file or the browser's own pages, not to an app. `feed:` and `view-source:` wrap another URL (even a
 * `javascript:` one); `intent:` makes Android's browser start an app of the page's choosing; `*-extension:`
 * is any browser's extension pages.
 */
const BROWSER_SCHEME =
  /^(?:(?:java|vb)script|data|file|blob|about|filesystem|view-source|feed|intent|jar|resource|chrome|chrome-untrusted|devtools|edge|brave|opera|vivaldi|[a-z-]+-extension):$/;

/** Network protocols without TLS: the code would cross the network in clear text (loopback excepted). */
const CLEAR_TEXT_SCHEME = /^(?:http|ws|ftp|gopher|telnet|nntp|irc|ldap):$/;

/** `localhost`, 127.0.0.0/8 and [::1], as the URL parser writes them (it already turns `127.1` into `127.0.0.1`). */
export const isLoopbackHost = (host: string): boolean =>
  host === "localhost" || host === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(host);

/** Whether `url` is plain http to a host that is not loopback: where neither a code nor an API key may go. */
export const isPlainHttpOffLoopback = ({ protocol, hostname }: URL): boolean =>
  protocol === "http:" && !isLoopbackHost(hostname);

/**
 * Why a code must not be sent to `url`, or `undefined` when it may: https anywhere; clear-text network
 * schemes (http, ws, ftp …) only to loopback; any other scheme as an app's own (`vscode:`,
 * `com.example.app:`), except the schemes a browser runs, reads locally or keeps for itself.
 */
export function callbackUrlProblem(url: unknown): string | undefined {
  let parsed: URL;
  try {
    // Also throws for what is neither a string nor a URL (a value without a usable toString).
    parsed = new URL(url as string);
  } catch {
    return "must be an absolute URL";
  }
  const { protocol, hostname } = parsed;
  if (CLEAR_TEXT_SCHEME.test(protocol) && !isLoopbackHost(hostname)) {
    return `must use https (${protocol.slice(0, -1)} only on loopback)`;
  }
  if (BROWSER_SCHEME.test(protocol)) return `must not use ${protocol}, which a browser runs, reads locally or keeps`;
  return undefined;
}

/** Why the consent page must not be `url`, or `undefined` when it may: https, or http on loopback. */
export function consentPageUrlProblem(url: string | URL): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "must be an absolute URL";
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return "must be an https URL";
  return isPlainHttpOffLoopback(parsed) ? "must use https (http only on loopback)" : undefined;
}

/** Refuses a URL with a user name or password: fetch would refuse it, and they would show wherever it is printed. */
export function refuseCredentials(field: string, url: URL): void {
  if (url.username || url.password) throw new SDKValidationError(field, "must not carry a user name or password");
}
