// The one rule for callback URLs, shared by the authorization helpers, the callback parser and createAuthCode.
// It refuses only what is dangerous; limits the server adds on top (ports, say) are the server's to answer.

/** Schemes a browser runs or reads locally: a code sent there goes to a script or a local file, not to an app. */
const LOCAL_SCHEME = /^(javascript|vbscript|data|file|blob|about|filesystem|view-source):$/;

/** `localhost`, 127.0.0.0/8 and [::1], as the URL parser writes them (it already turns `127.1` into `127.0.0.1`). */
export const isLoopbackHost = (host: string): boolean =>
  host === "localhost" || host === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(host);

/** Whether `url` is plain http to a host that is not loopback: where neither a code nor an API key may go. */
export const isPlainHttpOffLoopback = ({ protocol, hostname }: URL): boolean =>
  protocol === "http:" && !isLoopbackHost(hostname);

/**
 * Why a code must not be sent to `url`, or `undefined` when it may: https anywhere; http only to loopback,
 * so the code never crosses a network in clear text; any other scheme as an app's own (`vscode:`,
 * `com.example.app:`), except the schemes a browser runs or reads locally.
 */
export function callbackUrlProblem(url: unknown): string | undefined {
  if (typeof url !== "string") return judge(url);
  // A server creates codes for one or two callback URLs: parsing the same one on every call is measurable.
  let verdict = verdicts.get(url);
  if (verdict === undefined) {
    verdict = judge(url) ?? "";
    if (verdicts.size < 64) verdicts.set(url, verdict);
  }
  return verdict || undefined;
}

/** Verdicts on callback URL strings already judged: the problem, or "" for none. */
const verdicts = new Map<string, string>();

function judge(url: unknown): string | undefined {
  let parsed: URL;
  try {
    // Also throws for what is neither a string nor a URL (a value without a usable toString).
    parsed = new URL(url as string);
  } catch {
    return "must be an absolute URL";
  }
  if (isPlainHttpOffLoopback(parsed)) return "must use https (http only on loopback)";
  if (LOCAL_SCHEME.test(parsed.protocol))
    return `must not use ${parsed.protocol}, which a browser runs or reads locally`;
  return undefined;
}
