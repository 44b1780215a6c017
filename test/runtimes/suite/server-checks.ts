// The server example (examples/server/app.ts) at request level, no browser: its Hono app's `fetch` is
// called with web-standard Requests, the consent stand-in plays OpenRouter, and a small cookie jar plays
// the browser. Web-standard only, so it runs on every runtime including workerd.
import { createStorage } from "unstorage";
import { createConnectApp, LOGIN_COOKIE, SESSION_COOKIE } from "../../../examples/server/app.js";
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
async function startLogin(app: App, origin = ORIGIN, name = LOGIN_COOKIE) {
  const response = await app.fetch(new Request(`${origin}/login`));
  const location = response.headers.get("location");
  assert(response.status === 302 && location !== null, `GET /login answered ${response.status}, not a redirect`);
  const line = cookieLine(response, name);
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
  // The app's store (unstorage, memory driver): its sessions stand for the connected accounts.
  const newApp = (serverURL = config.approvingApiUrl) => {
    const storage = createStorage();
    const sessions = async () =>
      (await storage.getKeys()).filter((key) => key.startsWith("openrouter-example:session:")).length;
    return { app: createConnectApp({ secret: SECRET, serverURL, storage }), storage, sessions };
  };
  const home = async (app: App, session: string) =>
    (await app.fetch(new Request(`${ORIGIN}/`, { headers: { cookie: `${SESSION_COOKIE}=${session}` } }))).text();

  await check("server: login cookie attributes", async () => {
    const { app } = newApp();
    const local = await startLogin(app);
    assert(local.authorizationUrl.startsWith(new URL(config.approvingApiUrl).origin), "not sent to the consent page");
    for (const attribute of [/;\s*HttpOnly/i, /;\s*SameSite=Lax/i, /;\s*Path=\/(;|$)/i, /;\s*Max-Age=600/i]) {
      assert(attribute.test(local.cookieLine), `the login cookie lacks ${attribute.source}`);
    }
    assert(!/;\s*Secure/i.test(local.cookieLine), "Secure on loopback http (the browser would drop it)");
    const nonce = new URL(new URL(local.authorizationUrl).searchParams.get("callback_url")!).searchParams.get("nonce");
    assert(nonce !== null && !local.cookie.includes(nonce), "the nonce is readable in the cookie");
    const remote = await startLogin(app, "https://app.example", `__Host-${LOGIN_COOKIE}`);
    assert(/;\s*Secure/i.test(remote.cookieLine), "no Secure off loopback");
    let refused = false;
    try {
      createConnectApp({ secret: "too short", serverURL: config.approvingApiUrl });
    } catch {
      refused = true;
    }
    assert(refused, "a secret under 32 characters was accepted");
  });

  await check("server: approve → 303 to /, Connected", async () => {
    const { app, storage, sessions } = newApp();
    const login = await startLogin(app);
    const returnedTo = await consentRedirect(login.authorizationUrl);
    assert(returnedTo.startsWith(`${ORIGIN}/callback?`), "the consent page did not send the user to /callback");
    const { response } = await callback(app, returnedTo, login.cookie);
    assert(response.status === 303 && response.headers.get("location") === "/", `callback answered ${response.status}`);
    assert((await sessions()) === 1, `${await sessions()} sessions stored`);
    assertCleared(response);
    const session = cookieValue(cookieLine(response, SESSION_COOKIE));
    const homePage = await home(app, session);
    const masked = /sk-or-v1-…[0-9a-f]{4}/.exec(homePage)?.[0];
    assert(homePage.includes("Connected") && masked !== undefined, "the home page does not show the account");
    const stored = JSON.stringify(await storage.getItems(await storage.getKeys()));
    assert(!stored.includes("sk-or-v1-"), "the store holds a key in clear");
  });

  await check("server: denial → 4xx", async () => {
    const { app, sessions } = newApp(config.denyingApiUrl);
    const login = await startLogin(app);
    const returnedTo = await consentRedirect(login.authorizationUrl);
    assert(new URL(returnedTo).searchParams.get("error") === "access_denied", "the stand-in did not deny");
    const { response } = await callback(app, returnedTo, login.cookie);
    assert(response.status === 403, `callback answered ${response.status}`);
    assert((await sessions()) === 0, "something was stored");
    assertCleared(response);
  });

  await check("server: missing/forged cookie → 4xx", async () => {
    const { app, sessions } = newApp();
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
    assert((await sessions()) === 0, "something was stored");
    // The code was never spent: the genuine cookie still completes the login.
    const genuine = await callback(app, returnedTo, login.cookie);
    assert(
      genuine.response.status === 303 && (await sessions()) === 1,
      `then the genuine cookie: ${genuine.response.status}`,
    );
  });

  await check("server: wrong nonce → 4xx", async () => {
    const { app, sessions } = newApp();
    const login = await startLogin(app);
    const returnedTo = new URL(await consentRedirect(login.authorizationUrl));
    returnedTo.searchParams.set("nonce", "a-nonce-of-another-login");
    const { response } = await callback(app, returnedTo.href, login.cookie);
    assert(response.status === 400, `callback answered ${response.status}`);
    assert((await sessions()) === 0, "something was stored");
  });

  await check("server: replayed callback → 303 home when connected, else 4xx", async () => {
    const { app, sessions } = newApp();
    const login = await startLogin(app);
    const returnedTo = await consentRedirect(login.authorizationUrl);
    const first = await callback(app, returnedTo, login.cookie);
    assert(first.response.status === 303, `the first callback answered ${first.response.status}`);
    const session = cookieValue(cookieLine(first.response, SESSION_COOKIE));
    const reload = await app.fetch(new Request(returnedTo, { headers: { cookie: `${SESSION_COOKIE}=${session}` } }));
    assert(reload.status === 303 && reload.headers.get("location") === "/", `reloaded, connected: ${reload.status}`);
    const withCookie = await callback(app, returnedTo, login.cookie);
    assert(withCookie.response.status === 409, `replayed with its cookie: ${withCookie.response.status}`);
    const withoutCookie = await callback(app, returnedTo, undefined);
    assert(withoutCookie.response.status === 400, `replayed without a cookie: ${withoutCookie.response.status}`);
    assert((await sessions()) === 1, `${await sessions()} sessions stored`);
  });

  await check("server: POST /logout same-origin only", async () => {
    const { app, sessions } = newApp();
    const login = await startLogin(app);
    const first = await callback(app, await consentRedirect(login.authorizationUrl), login.cookie);
    const cookie = `${SESSION_COOKIE}=${cookieValue(cookieLine(first.response, SESSION_COOKIE))}`;
    const logout = (origin: string, site: string) =>
      app.fetch(
        new Request(`${ORIGIN}/logout`, { method: "POST", headers: { cookie, origin, "sec-fetch-site": site } }),
      );
    const crossSite = await logout("https://attacker.example", "cross-site");
    assert(crossSite.status === 403 && (await sessions()) === 1, `a cross-site POST: ${crossSite.status}`);
    const own = await logout(ORIGIN, "same-origin");
    assert(own.status === 303 && (await sessions()) === 0, `a same-origin POST: ${own.status}`);
  });
  return results;
}
