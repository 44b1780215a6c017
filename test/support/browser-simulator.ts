// A stand-in for the user's browser in headless tests: it opens the consent page URL, does not follow
// the redirect by itself, and then loads the redirect target (the app's callback) like a browser would.
// Requests use node:http without an agent, so no keep-alive socket outlives a test.
import { request } from "node:http";

/** One HTTP response as a browser would receive it. */
export interface PageLoad {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** What happened when the simulated user opened the consent page URL. */
export interface ConsentVisit {
  /** The consent page's response (a 302 on a valid request, a 400 page otherwise). */
  readonly consent: PageLoad;
  /** Where the consent page redirected to, if it did. */
  readonly location: string | undefined;
  /** The callback page the browser then loaded, if there was a redirect. */
  readonly callback: PageLoad | undefined;
}

/** Loads one URL over plain http (loopback only), with no redirect following and a time limit. */
export function load(url: string | URL, init: { method?: string; timeoutMs?: number } = {}): Promise<PageLoad> {
  const target = new URL(url);
  if (target.protocol !== "http:" || !["127.0.0.1", "localhost"].includes(target.hostname)) {
    return Promise.reject(new Error(`the simulated browser only loads http loopback URLs, not ${target.origin}`));
  }
  return new Promise((resolve, reject) => {
    const req = request(target, { method: init.method ?? "GET", agent: false }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.once("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.once("error", reject);
    });
    req.setTimeout(init.timeoutMs ?? 10_000, () => req.destroy(new Error(`loading ${target.pathname} timed out`)));
    req.once("error", reject);
    req.end();
  });
}

/**
 * Plays the user's browser on the consent page: loads `authorizationUrl`, and when it answers with a
 * redirect, loads the redirect target (the callback), as a browser does.
 */
export async function visitConsentPage(authorizationUrl: string | URL): Promise<ConsentVisit> {
  const consent = await load(authorizationUrl);
  const header = consent.headers["location"];
  const location = typeof header === "string" ? new URL(header, authorizationUrl).href : undefined;
  if (consent.status < 300 || consent.status >= 400 || location === undefined) {
    return { consent, location: undefined, callback: undefined };
  }
  return { consent, location, callback: await load(location) };
}

/** Only follows the consent page to its redirect target, without loading it (for paste-fallback tests). */
export async function redirectTarget(authorizationUrl: string | URL): Promise<string> {
  const consent = await load(authorizationUrl);
  const header = consent.headers["location"];
  if (typeof header !== "string") throw new Error(`the consent page answered ${consent.status} without a redirect`);
  return new URL(header, authorizationUrl).href;
}
