// The server example (examples/server/app.ts) at request level, no browser: its Hono app's `fetch` is
// called with web-standard Requests, the consent stand-in plays OpenRouter, and a small cookie jar plays
// the browser. Web-standard only, so it runs on every runtime including workerd.
import { type ConnectedAccount, createConnectApp, LOGIN_COOKIE, SESSION_COOKIE } from "../../../examples/server/app.js";
import { assert, type CheckResult, consentRedirect, runCheck, type SuiteConfig } from "./report.js";

const SECRET = "runtime-suite secret, 32+ characters long";
const ORIGIN = "http://localhost:3000";

interface App {
  fetch(request: Request): Response | Promise<Response>;
}

const setCookies = (response: Response): string[] =>
  typeof response.headers.getSetCookie === "function"
    ? response.headers.getSetCookie()
    : (response.headers.get("set-cookie") ?? "").split(/,(?=\s*\w+=)/).filter((line) => line !== "");

/** The Set-Cookie line for `name`, or undefined. */
const cookieLine = (response: Response, name: string): string | undefined =>
  setCookies(response).find((line) => line.startsWith(`${name}=`));

const cookieValue = (line: string | undefined): string => (line ?? "").split(";")[0]!.split("=").slice(1).join("=");

/** GET /login, then the consent page: the sealed cookie and the callback URL the user comes back on. */
async function startLogin(app: App, origin = ORIGIN) {
  const response = await app.fetch(new Request(`${origin}/login`));
  const location = response.headers.get("location");
  assert(response.status === 302 && location !== null, `GET /login answered ${response.status}, not a redirect`);
  const line = cookieLine(response, LOGIN_COOKIE);
  assert(line !== undefined, "GET /login set no login cookie");
  return { response, authorizationUrl: location, cookie: cookieValue(line), cookieLine: line };
}

async function callback(
  app: App,
  url: string,
  cookie: string | undefined,
): Promise<{ response: Response; body: string }> {
  const headers = cookie === undefined ? undefined : { cookie: `${LOGIN_COOKIE}=${cookie}` };
  const response = await app.fetch(new Request(url, { headers }));
  return { response, body: await response.text() };
}

function assertCleared(response: Response) {
  const line = cookieLine(response, LOGIN_COOKIE);
  assert(line !== undefined && /Max-Age=0/i.test(line) && cookieValue(line) === "", "the login cookie was not cleared");
}

/** Runs the server example's checks against the stand-ins in `config`. */
export async function serverChecks(config: SuiteConfig): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const check = async (name: string, body: () => Promise<void>) => results.push(await runCheck(name, body));
  const newApp = (serverURL = config.approvingApiUrl) => {
    const accounts = new Map<string, ConnectedAccount>();
    return { app: createConnectApp({ secret: SECRET, serverURL, accounts }), accounts };
  };

  await check("server: login cookie attributes", async () => {
    const { app } = newApp();
    const local = await startLogin(app);
    assert(local.authorizationUrl.startsWith(new URL(config.approvingApiUrl).origin), "not sent to the consent page");
    for (const attribute of [/;\s*HttpOnly/i, /;\s*SameSite=Lax/i, /;\s*Path=\/callback/i, /;\s*Max-Age=600/i]) {
      assert(attribute.test(local.cookieLine), `the login cookie lacks ${attribute.source}`);
    }
    assert(!/;\s*Secure/i.test(local.cookieLine), "Secure on loopback http (the browser would drop it)");
    const nonce = new URL(new URL(local.authorizationUrl).searchParams.get("callback_url")!).searchParams.get("nonce");
    assert(nonce !== null && !local.cookie.includes(nonce), "the nonce is readable in the cookie");
    const remote = await startLogin(app, "https://app.example");
    assert(/;\s*Secure/i.test(remote.cookieLine), "no Secure off loopback");
    let refused = false;
    try {
      createConnectApp({ secret: "too short", serverURL: config.approvingApiUrl });
    } catch {
      refused = true;
    }
    assert(refused, "a secret under 32 characters was accepted");
  });

  await check("server: approve → Connected", async () => {
    const { app, accounts } = newApp();
    const login = await startLogin(app);
    const returnedTo = await consentRedirect(login.authorizationUrl);
    assert(returnedTo.startsWith(`${ORIGIN}/callback?`), "the consent page did not send the user to /callback");
    const { response, body } = await callback(app, returnedTo, login.cookie);
    assert(response.status === 200 && body.includes("Connected"), `callback answered ${response.status}`);
    assert(accounts.size === 1, `${accounts.size} accounts stored`);
    const [account] = [...accounts.values()];
    assert(account!.key.startsWith("sk-or-v1-"), "the stored key is not the exchanged one");
    assert(!body.includes(account!.key), "the page contains the key");
    assertCleared(response);
    const session = cookieValue(cookieLine(response, SESSION_COOKIE));
    const home = await app.fetch(new Request(`${ORIGIN}/`, { headers: { cookie: `${SESSION_COOKIE}=${session}` } }));
    const homePage = await home.text();
    assert(homePage.includes("Connected") && !homePage.includes(account!.key), "the home page is wrong");
  });

  await check("server: denial → 4xx", async () => {
    const { app, accounts } = newApp(config.denyingApiUrl);
    const login = await startLogin(app);
    const returnedTo = await consentRedirect(login.authorizationUrl);
    assert(new URL(returnedTo).searchParams.get("error") === "access_denied", "the stand-in did not deny");
    const { response } = await callback(app, returnedTo, login.cookie);
    assert(response.status === 403, `callback answered ${response.status}`);
    assert(accounts.size === 0, "something was stored");
    assertCleared(response);
  });

  await check("server: missing/forged cookie → 4xx", async () => {
    const { app, accounts } = newApp();
    const login = await startLogin(app);
    const returnedTo = await consentRedirect(login.authorizationUrl);
    const missing = await callback(app, returnedTo, undefined);
    assert(missing.response.status === 400, `no cookie: ${missing.response.status}`);
    // One character in the middle (the last one may carry only padding bits).
    const middle = Math.floor(login.cookie.length / 2);
    const swapped = login.cookie[middle] === "A" ? "B" : "A";
    const alteredValue = `${login.cookie.slice(0, middle)}${swapped}${login.cookie.slice(middle + 1)}`;
    const altered = await callback(app, returnedTo, alteredValue);
    assert(altered.response.status === 400, `altered cookie: ${altered.response.status}`);
    const other = createConnectApp({ secret: `${SECRET} (another server)`, serverURL: config.approvingApiUrl });
    const foreign = await startLogin(other);
    const sealedElsewhere = await callback(app, returnedTo, foreign.cookie);
    assert(sealedElsewhere.response.status === 400, `a cookie of another secret: ${sealedElsewhere.response.status}`);
    assert(accounts.size === 0, "something was stored");
    // The code was never spent: the genuine cookie still completes the login.
    const genuine = await callback(app, returnedTo, login.cookie);
    assert(
      genuine.response.status === 200 && (accounts.size as number) === 1,
      `then the genuine cookie: ${genuine.response.status}`,
    );
  });

  await check("server: wrong nonce → 4xx", async () => {
    const { app, accounts } = newApp();
    const login = await startLogin(app);
    const returnedTo = new URL(await consentRedirect(login.authorizationUrl));
    returnedTo.searchParams.set("nonce", "a-nonce-of-another-login");
    const { response } = await callback(app, returnedTo.href, login.cookie);
    assert(response.status === 400, `callback answered ${response.status}`);
    assert(accounts.size === 0, "something was stored");
  });

  await check("server: replayed callback → 4xx", async () => {
    const { app, accounts } = newApp();
    const login = await startLogin(app);
    const returnedTo = await consentRedirect(login.authorizationUrl);
    const first = await callback(app, returnedTo, login.cookie);
    assert(first.response.status === 200, `the first callback answered ${first.response.status}`);
    const withCookie = await callback(app, returnedTo, login.cookie);
    assert(withCookie.response.status === 409, `replayed with its cookie: ${withCookie.response.status}`);
    const withoutCookie = await callback(app, returnedTo, undefined);
    assert(withoutCookie.response.status === 400, `replayed without a cookie: ${withoutCookie.response.status}`);
    assert(accounts.size === 1, `${accounts.size} accounts stored`);
  });
  return results;
}
