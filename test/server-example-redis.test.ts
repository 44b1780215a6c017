// The server example (examples/server/node.ts) as two instances sharing one real Redis (REDIS_URL) and one
// SESSION_SECRET, behind which a browser's requests land on either: a login started on one completes on
// the other, a callback is exchanged once whichever instance gets it (and whenever), a sign-out on one is
// seen by the other, and Redis never holds a user's key in clear. Request level over real HTTP, with a
// small cookie jar for the browser; the consent stand-in plays OpenRouter and counts the exchanges.
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { Redis } from "ioredis";
import { createStorage } from "unstorage";
import redisDriver from "unstorage/drivers/redis";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createConnectStore } from "../examples/server/store.js";
import { childEnv, repoRoot, requireBuiltDist } from "./support/build-once.js";
import { closeAll } from "./support/close-all.js";
import { type ConsentStandIn, startConsentStandIn } from "./support/consent-stand-in.js";
import { describeUnless } from "./support/describe-unless.js";
import { type RedisServer, redisSkipReason, startRedisServer } from "./support/redis-server.js";

const skipReason = redisSkipReason();
const SECRET = "server-example redis test secret, 32+ characters";
const tsx = join(repoRoot, "node_modules/.bin/tsx");

interface Instance {
  origin: string;
  readonly child: ChildProcess;
  output: string;
}

/** Starts examples/server/node.ts on a free port; resolves once it prints where it listens. */
async function startInstance(env: Record<string, string>): Promise<Instance> {
  const child = spawn(tsx, ["examples/server/node.ts"], {
    cwd: repoRoot,
    env: childEnv({ ...env, PORT: "0" }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  const instance = { origin: "", child, output: "" };
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (instance.output += chunk));
  instance.origin = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not serving within 15 s:\n${instance.output}`)), 15_000);
    child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
      instance.output += chunk;
      const url = /Connect OpenRouter: (http:\/\/127\.0\.0\.1:\d+)\//.exec(instance.output)?.[1];
      if (url !== undefined) {
        clearTimeout(timer);
        resolve(url);
      }
    });
    child.once("exit", (code) => reject(new Error(`exited with ${code}:\n${instance.output}`)));
  });
  return instance;
}

async function stopInstance(instance: Instance | undefined): Promise<void> {
  const child = instance?.child;
  if (child?.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  process.kill(child.pid, "SIGTERM");
  await exited;
}

/** A browser's cookies for the app (cookies are per host, not per port: both instances see them). */
class CookieJar {
  readonly cookies = new Map<string, string>();
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";");
      const name = pair.slice(0, pair.indexOf("="));
      const value = pair.slice(pair.indexOf("=") + 1);
      if (attributes.some((a) => /^\s*Max-Age=0\s*$/i.test(a))) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  copy(): CookieJar {
    const jar = new CookieJar();
    for (const [name, value] of this.cookies) jar.cookies.set(name, value);
    return jar;
  }
}

describeUnless(skipReason, "server example, two instances sharing Redis", () => {
  let redis: RedisServer | undefined;
  let client: Redis | undefined;
  let standIn: ConsentStandIn | undefined;
  let a: Instance | undefined;
  let b: Instance | undefined;

  beforeAll(async () => {
    requireBuiltDist();
    [redis, standIn] = await Promise.all([startRedisServer(), startConsentStandIn()]);
    const env = { SESSION_SECRET: SECRET, OPENROUTER_BASE_URL: standIn.apiUrl, REDIS_URL: redis.url };
    [a, b] = await Promise.all([startInstance(env), startInstance(env)]);
    client = new Redis(redis.url, { lazyConnect: true });
    await client.connect();
  });

  afterAll(async () => {
    client?.disconnect();
    // Redis goes last: the instances are still connected to it until they stop.
    await closeAll(stopInstance(a), stopInstance(b), standIn?.close()).finally(() => redis?.stop());
  });

  const exchanges = () => standIn!.requests.filter((r) => r.method === "POST" && r.url === "/api/v1/auth/keys");
  const mintedKeys = () =>
    exchanges()
      .filter((r) => r.status === 200)
      .map((r) => (JSON.parse(r.response) as { key: string }).key);
  const get = async (url: string, jar: CookieJar) => {
    const response = await fetch(url, { headers: { cookie: jar.header() }, redirect: "manual" });
    jar.take(response);
    return { response, body: await response.text() };
  };
  /** Starts a login on `on`; returns the callback URL the consent page sends the browser back to. */
  async function startLogin(on: Instance, jar: CookieJar): Promise<string> {
    const login = await get(`${on.origin}/login`, jar);
    expect(login.response.status).toBe(302);
    const consent = await fetch(login.response.headers.get("location")!, { redirect: "manual" });
    return consent.headers.get("location")!;
  }
  /** The same path and query on another instance (as a load balancer in front of both would route it). */
  const on = (instance: Instance, url: string) => `${instance.origin}${new URL(url).pathname}${new URL(url).search}`;

  test("a login started on one instance completes on the other: 303 to /, connected on both", async () => {
    const jar = new CookieJar();
    const seen = exchanges().length;
    const callbackUrl = await startLogin(a!, jar);
    expect(callbackUrl.startsWith(`${a!.origin}/callback?`)).toBe(true);
    const done = await get(on(b!, callbackUrl), jar);
    expect(done.response.status, done.body).toBe(303);
    expect(done.response.headers.get("location")).toBe("/");
    expect(exchanges()).toHaveLength(seen + 1);
    const key = mintedKeys().at(-1)!;
    for (const instance of [a!, b!, a!]) {
      const home = await get(`${instance.origin}/`, jar); // a reload stays connected
      expect(home.body).toContain("Connected");
      expect(home.body).toContain(`sk-or-v1-…${key.slice(-4)}`);
      expect(home.body).not.toContain(key);
    }
  });

  test("a callback replayed on either instance never sends its code again", async () => {
    const jar = new CookieJar();
    const callbackUrl = await startLogin(b!, jar);
    const loginCookies = jar.copy(); // what a replay with a copy of the login cookie carries
    const first = await get(on(a!, callbackUrl), jar);
    expect(first.response.status).toBe(303);
    const seen = exchanges().length;
    // The same browser reloading it (connected): home again. A stranger with a copy of the cookie: 409.
    for (const instance of [a!, b!]) {
      const reload = await get(on(instance, callbackUrl), jar);
      expect(reload.response.status).toBe(303);
      expect(reload.response.headers.get("location")).toBe("/");
      const copied = await get(on(instance, callbackUrl), loginCookies.copy());
      expect(copied.response.status).toBe(409);
      expect(copied.body).toContain("already");
      const bare = await get(on(instance, callbackUrl), new CookieJar());
      expect(bare.response.status).toBe(400);
    }
    expect(exchanges()).toHaveLength(seen);
  });

  test("one callback sent to both instances at once is exchanged once (10 logins)", async () => {
    const logins = await Promise.all(
      Array.from({ length: 10 }, async () => {
        const jar = new CookieJar();
        return { jar, callbackUrl: await startLogin(a!, jar) };
      }),
    );
    const seen = exchanges().length;
    const results = await Promise.all(
      logins.flatMap(({ jar, callbackUrl }) => [
        get(on(a!, callbackUrl), jar.copy()),
        get(on(b!, callbackUrl), jar.copy()),
      ]),
    );
    const statuses = results.map((r) => r.response.status);
    expect(statuses.filter((status) => status === 303)).toHaveLength(10);
    expect(statuses.filter((status) => status === 409)).toHaveLength(10);
    expect(exchanges()).toHaveLength(seen + 10);
  });

  test("a sign-out on one instance is seen by the other; a cross-site POST /logout is refused", async () => {
    const jar = new CookieJar();
    expect((await get(on(b!, await startLogin(a!, jar)), jar)).response.status).toBe(303);
    const crossSite = await fetch(`${b!.origin}/logout`, {
      method: "POST",
      headers: { cookie: jar.header(), origin: "http://attacker.example", "sec-fetch-site": "cross-site" },
      redirect: "manual",
    });
    expect(crossSite.status).toBe(403);
    expect((await get(`${a!.origin}/`, jar)).body).toContain("Sign out");

    const session = jar.copy();
    const out = await fetch(`${b!.origin}/logout`, {
      method: "POST",
      headers: { cookie: jar.header(), origin: b!.origin, "sec-fetch-site": "same-origin" },
      redirect: "manual",
    });
    expect(out.status).toBe(303);
    expect(out.headers.get("location")).toBe("/");
    const home = await get(`${a!.origin}/`, session); // the old session cookie, on the other instance
    expect(home.body).toContain("Sign in with OpenRouter");
    expect(home.body).not.toContain("Connected");
  });

  test("npm run example:server with REDIS_URL keeps its state in that Redis, and stops on SIGTERM", async () => {
    const script = spawn(tsx, ["scripts/example-server.ts"], {
      cwd: repoRoot,
      env: childEnv({ PORT: "0", REDIS_URL: redis!.url, OPENROUTER_BASE_URL: standIn!.apiUrl }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    const instance: Instance = { origin: "", child: script, output: "" };
    try {
      script.stdout!.setEncoding("utf8").on("data", (chunk: string) => (instance.output += chunk));
      script.stderr!.setEncoding("utf8").on("data", (chunk: string) => (instance.output += chunk));
      for (let i = 0; i < 150 && instance.origin === ""; i += 1) {
        instance.origin =
          /Connect OpenRouter: (http:\/\/127\.0\.0\.1:\d+)\/ \(state in Redis\)/.exec(instance.output)?.[1] ?? "";
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(instance.origin, instance.output).not.toBe("");
      expect(instance.output).toContain("SESSION_SECRET is not set"); // generated: its sessions are its own
      expect(instance.output).not.toContain("stand-in");
      const before = new Set(await client!.keys("openrouter-example:session:*"));
      const jar = new CookieJar();
      expect((await get(await startLogin(instance, jar), jar)).response.status).toBe(303);
      const after = await client!.keys("openrouter-example:session:*");
      expect(after.filter((key) => !before.has(key))).toHaveLength(1);
    } finally {
      const exited = new Promise<number | null>((resolve) => script.once("exit", (code) => resolve(code)));
      script.kill("SIGTERM");
      expect(await exited).toBe(0);
    }
  });

  test("the store on a Redis driver with its own base: nonces claimed once, under that base", async () => {
    const storage = createStorage({ driver: redisDriver({ url: redis!.url, base: "tenant-a:" }) });
    try {
      const store = createConnectStore(SECRET, storage);
      const until = Date.now() + 60_000;
      expect(await Promise.all([store.claimNonce("n-1", until), store.claimNonce("n-1", until)])).toEqual([
        true,
        false,
      ]);
      const keys = await client!.keys("tenant-a:openrouter-example:nonce:*");
      expect(keys).toHaveLength(1);
      expect(await storage.getKeys("openrouter-example:nonce")).toHaveLength(1);
    } finally {
      await storage.dispose();
    }
  });

  test("Redis holds sessions and used nonces with a TTL, and no user key in clear", async () => {
    const keys = await client!.keys("*");
    expect(keys.some((key) => key.startsWith("openrouter-example:session:"))).toBe(true);
    expect(keys.some((key) => key.startsWith("openrouter-example:nonce:"))).toBe(true);
    const minted = mintedKeys();
    expect(minted.length).toBeGreaterThanOrEqual(3);
    for (const key of keys) {
      expect(await client!.type(key)).toBe("string");
      const value = (await client!.get(key)) ?? "";
      const ttl = await client!.ttl(key);
      expect(ttl, key).toBeGreaterThan(0);
      for (const userKey of minted) {
        expect(key).not.toContain(userKey.slice(9));
        expect(value).not.toContain(userKey.slice(9)); // the key's secret part, after "sk-or-v1-"
        expect(value).not.toContain(userKey.slice(-8));
      }
    }
  });
});
