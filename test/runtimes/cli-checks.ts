// The `openrouter-oauth login` CLI, run from the consumer project the way a user of each runtime would,
// with a harness playing the person at the browser (or at the terminal, pasting the address).
import { spawn } from "node:child_process";
import type { Writable } from "node:stream";
import { redirectTarget, visitConsentPage } from "../support/browser-simulator.js";
import { childEnv } from "../support/build-once.js";
import type { ConsentStandIn } from "../support/consent-stand-in.js";
import type { Runtime } from "./runtimes.js";
import type { CheckResult } from "./suite/report.js";

const CLI_TIMEOUT_MS = 20_000;

/** The key a stand-in minted in its latest successful exchange. */
export function lastMintedKey(standIn: ConsentStandIn): string | undefined {
  const exchanges = standIn.requests.filter((r) => r.url === "/api/v1/auth/keys" && r.status === 200);
  const last = exchanges.at(-1);
  return last === undefined ? undefined : (JSON.parse(last.response) as { key: string }).key;
}

interface CliOutcome {
  readonly code: number | null;
  readonly timedOut: boolean;
  readonly stdout: string;
  readonly stderr: string;
  readonly elapsedMs: number;
}

/**
 * Runs `openrouter-oauth login …` with `runtime` in the consumer project; once it has printed the consent
 * page URL, `user` plays the person at the browser. Killed after CLI_TIMEOUT_MS (reported as a hang).
 */
async function runCli(
  runtime: Runtime,
  consumer: string,
  args: readonly string[],
  user: (authorizationUrl: string, stdin: Writable | null) => Promise<void>,
  options: { withoutPermissions?: boolean; stdin?: "pipe" | "ignore" } = {},
): Promise<CliOutcome> {
  const launch = options.withoutPermissions ? runtime.cliWithoutPermissions! : runtime.cli;
  const [command, commandArgs] = launch(["login", "--no-open", ...args]);
  const started = Date.now();
  const child = spawn(command, commandArgs, {
    cwd: consumer,
    env: childEnv({}),
    stdio: [options.stdin ?? "ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  let userDone: Promise<void> = Promise.resolve();
  let urlSeen = false;
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
    const match = /(http:\/\/127\.0\.0\.1:\d+\/auth\?\S+)/.exec(stderr);
    if (!urlSeen && match && stderr.includes("Waiting for you to approve")) {
      urlSeen = true;
      userDone = user(match[1]!, child.stdin).catch((error: unknown) => {
        stderr += `\n[harness] the simulated browser failed: ${String(error)}`;
      });
    }
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    if (child.pid !== undefined) process.kill(child.pid, "SIGKILL");
  }, CLI_TIMEOUT_MS);
  const code = await new Promise<number | null>((resolve) => child.once("close", (exitCode) => resolve(exitCode)));
  clearTimeout(timer);
  await userDone;
  return { code, timedOut, stdout, stderr, elapsedMs: Date.now() - started };
}

const cliDetail = (outcome: CliOutcome) =>
  outcome.timedOut
    ? `hung: killed after ${CLI_TIMEOUT_MS} ms\n${outcome.stderr}`
    : `exit ${outcome.code} after ${outcome.elapsedMs} ms\n--- stderr ---\n${outcome.stderr}`;

export async function cliChecks(
  runtime: Runtime,
  consumer: string,
  approving: ConsentStandIn,
  denying: ConsentStandIn,
): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const browse = async (url: string) => {
    await visitConsentPage(url);
  };

  const approve = await runCli(runtime, consumer, ["--server-url", approving.apiUrl], browse);
  const key = lastMintedKey(approving);
  const approved = approve.code === 0 && key !== undefined && approve.stdout === `${key}\n`;
  results.push({
    check: "CLI login: approve",
    ok: approved,
    detail: approved
      ? ""
      : `${cliDetail(approve)}\n(stdout ${approve.stdout === "" ? "empty" : "is not the key alone"})`,
  });

  const deny = await runCli(runtime, consumer, ["--server-url", denying.apiUrl], browse);
  const denied = deny.code === 1 && deny.stdout === "" && /denied/i.test(deny.stderr);
  results.push({ check: "CLI login: deny", ok: denied, detail: denied ? "" : cliDetail(deny) });

  const late = await runCli(runtime, consumer, ["--server-url", approving.apiUrl, "--timeout", "1"], async () => {});
  const timedOut = late.code === 3 && late.stdout === "" && late.elapsedMs < CLI_TIMEOUT_MS;
  results.push({ check: "CLI login: time limit", ok: timedOut, detail: timedOut ? "" : cliDetail(late) });

  // On a terminal-less machine (SSH, containers) the user pastes the address the browser ended on; stdin
  // stays open, as a terminal's would, and the CLI must still exit once signed in.
  const paste = await runCli(
    runtime,
    consumer,
    ["--server-url", approving.apiUrl],
    async (url, stdin) => {
      stdin?.write(`${await redirectTarget(url)}\n`);
    },
    { stdin: "pipe" },
  );
  const pastedKey = lastMintedKey(approving);
  const pasted = paste.code === 0 && pastedKey !== key && paste.stdout === `${pastedKey}\n`;
  results.push({ check: "CLI login: pasted address", ok: pasted, detail: pasted ? "" : cliDetail(paste) });

  if (runtime.cliWithoutPermissions !== undefined) {
    // stdin is not a terminal, so nothing can grant the permission: a clear error and exit 4, no stack trace.
    const denied = await runCli(runtime, consumer, ["--server-url", approving.apiUrl], async () => {}, {
      withoutPermissions: true,
    });
    const clear = denied.code === 4 && /--allow-net/.test(denied.stderr) && !/Uncaught|\n\s+at /.test(denied.stderr);
    results.push({ check: "CLI login: no net permission", ok: clear, detail: clear ? "" : cliDetail(denied) });
  }
  return results;
}
