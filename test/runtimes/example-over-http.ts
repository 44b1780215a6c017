// The server example (examples/server) served through a runtime's own entry, and signed in over real HTTP.
import { type ChildProcess, spawn } from "node:child_process";
import { childEnv } from "../support/build-once.js";
import type { ConsentStandIn } from "../support/consent-stand-in.js";
import { lastMintedKey } from "./cli-checks.js";
import type { CheckResult } from "./suite/report.js";

/** Kills a child by its PID (SIGTERM, then SIGKILL after 5 s) and waits until it has exited. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("close", () => resolve()));
  const force = setTimeout(() => child.pid !== undefined && process.kill(child.pid, "SIGKILL"), 5_000);
  if (child.pid !== undefined) process.kill(child.pid, "SIGTERM");
  await exited;
  clearTimeout(force);
}

export const EXAMPLE_SECRET = "test:runtimes server example secret, 32+ characters";
const EXAMPLE_CHECK = "server example entry over HTTP";

/**
 * Serves the server example through a runtime's own entry (`command`), then signs in over real HTTP: GET
 * /login, the consent page, the callback with the login cookie (303 to /, where the page says Connected and
 * never holds the key), and the same callback replayed (409). `origin` tells where it listens once it does (from its output, or a port).
 */
export async function exampleOverHttp(
  command: string,
  args: readonly string[],
  cwd: string,
  env: Record<string, string>,
  approving: ConsentStandIn,
  origin: (stdout: string) => string | undefined,
): Promise<CheckResult> {
  const child = spawn(command, args, { cwd, env: childEnv(env), stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  try {
    const deadline = Date.now() + 20_000;
    let base: string | undefined;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`it exited with ${child.exitCode}`);
      if (Date.now() > deadline) throw new Error("it was not serving within 20 s");
      base = origin(output);
      const home = base === undefined ? undefined : await fetch(`${base}/`).catch(() => undefined);
      if (home?.status === 200 && (await home.text()).includes("Connect OpenRouter")) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const login = await fetch(`${base}/login`, { redirect: "manual" });
    const consentUrl = login.headers.get("location");
    const cookie = login.headers.getSetCookie().find((line) => line.startsWith("openrouter_login="));
    if (login.status !== 302 || consentUrl === null || cookie === undefined) {
      throw new Error(`GET /login answered ${login.status} (location ${consentUrl}, cookie ${cookie !== undefined})`);
    }
    const consent = await fetch(consentUrl, { redirect: "manual" });
    const callbackUrl = consent.headers.get("location") ?? "";
    if (!callbackUrl.startsWith(`${base}/callback?`))
      throw new Error(`the consent page sent the user to ${callbackUrl}`);
    const headers = { cookie: cookie.split(";")[0]! };
    const callback = await fetch(callbackUrl, { headers, redirect: "manual" });
    await callback.body?.cancel();
    const session = callback.headers.getSetCookie().find((line) => line.startsWith("openrouter_session="));
    if (callback.status !== 303 || callback.headers.get("location") !== "/" || session === undefined) {
      throw new Error(`the callback answered ${callback.status} (location ${callback.headers.get("location")})`);
    }
    const page = await (await fetch(`${base}/`, { headers: { cookie: session.split(";")[0]! } })).text();
    const key = lastMintedKey(approving);
    if (!page.includes("Connected") || key === undefined || page.includes(key)) {
      throw new Error(`the home page after the callback is ${page.includes("Connected") ? "" : "not "}Connected`);
    }
    const replay = await fetch(callbackUrl, { headers });
    await replay.body?.cancel();
    if (replay.status !== 409) throw new Error(`the replayed callback answered ${replay.status}, not 409`);
    return { check: EXAMPLE_CHECK, ok: true, detail: "" };
  } catch (error) {
    return { check: EXAMPLE_CHECK, ok: false, detail: `${String(error)}\n--- output ---\n${output}` };
  } finally {
    await stopChild(child);
  }
}
