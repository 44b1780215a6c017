#!/usr/bin/env node
// `openrouter-oauth login`: signs the user in through their browser and prints the new key on stdout.
import { fstatSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { SDK_VERSION, SDKValidationError } from "../index.js";
import { isPlainHttpOffLoopback } from "../lib/callback-url.js";
import { readEnv } from "../lib/env.js";
import { LoginAbortedError, LoginTimeoutError, LoopbackBindError } from "./errors.js";
import { DEFAULT_LOGIN_TIMEOUT_MS, loginWithLoopback } from "./login-with-loopback.js";
import { MAX_LINE_BYTES, readLines } from "./paste-input.js";
import { escapeForTerminal } from "./terminal-text.js";
import { secretFileProblem, UnsafeSecretFileError, writeSecretFile } from "./write-secret-file.js";

/** Exit codes, as documented in --help. */
const EXIT = { ok: 0, failed: 1, usage: 2, timeout: 3, port: 4, interrupted: 130, terminated: 143 } as const;

/** The largest --timeout, in seconds: the longest a Node timer can wait (2^31 - 1 ms, about 24.8 days). */
const MAX_TIMEOUT_SECONDS = 2_147_483;

const HELP = `Usage: openrouter-oauth login [options]

Signs you in to OpenRouter in your browser (OAuth with PKCE) and prints a new
API key that belongs to you.

It starts a one-time server on 127.0.0.1, opens OpenRouter's consent page in
your browser, waits for the browser to come back to that server, exchanges the
authorization code for a key, and stops the server.

On a machine whose browser cannot reach this one (SSH, a container): open the
printed URL in any browser and approve. The browser then fails to load a
http://127.0.0.1:.../callback/... address; that is expected. Copy that whole
address (or only the value of its code parameter), paste it here and press
Enter.

Options:
  --no-open            Do not open a browser; only print the URL.
  --port N             Port of the local callback server (default: any free port).
  --timeout SECONDS    Give up after this many seconds (default: ${DEFAULT_LOGIN_TIMEOUT_MS / 1000}); whole or
                       decimal, such as 90 or 0.5, up to ${MAX_TIMEOUT_SECONDS}.
  --server-url URL     API base URL (default: $OPENROUTER_BASE_URL when set, else
                       https://openrouter.ai/api/v1). The consent page is /auth
                       on the same origin.
  --out FILE           Write the key to FILE, mode 0600 (owner only), instead of
                       printing it. FILE is replaced whole or not at all: a failed
                       write never truncates it. If FILE exists it must be a
                       regular file with no other hard link: a device, folder,
                       FIFO, socket, symbolic link or hard-linked file is refused.
  --debug              Name the error class (and its causes) in failure messages.
  -h, --help           Show this help.
  --version            Show the version.

Output:
  stdout gets the key followed by a newline, and nothing else (nothing at all
  with --out). The URL, progress and errors go to stderr; a failure is one
  line starting with "error: ".

A pasted line that cannot be used (the sign-in page's own URL, text with
spaces, an address of another sign-in, a code OpenRouter refuses) is never
sent as a code: the CLI says what is wrong and keeps waiting.

Exit codes:
  0    Signed in: the key was printed or written.
  1    Sign-in failed: access denied, the code was refused, a network or server
       error, or the --out file could not be written.
  2    Usage error: unknown command or option, or a bad value (an --out
       FILE that must not be replaced, plain http to a host off loopback).
  3    Timed out.
  4    Cannot listen on the --port (it is in use, or not allowed).
  130  Interrupted (Ctrl-C).
  143  Terminated (SIGTERM).

Example:
  OPENROUTER_API_KEY="$(npx openrouter-oauth login)"
  npx openrouter-oauth login --no-open --out ~/.config/myapp/openrouter-key
`;

class UsageError extends Error {}

interface LoginArgs {
  open: boolean;
  port: number;
  timeoutMs: number;
  serverURL: string | undefined;
  out: string | undefined;
}

type Parsed = { command: "help" } | { command: "version" } | { command: "login"; args: LoginArgs; debug: boolean };

/** Options that take a value, and those that do not (flags). */
const VALUE_OPTIONS = ["port", "timeout", "server-url", "out"] as const;
const FLAGS = ["no-open", "debug", "help", "version"] as const;
type ValueOption = (typeof VALUE_OPTIONS)[number];
type Flag = (typeof FLAGS)[number];
const isValueOption = (name: string): name is ValueOption => (VALUE_OPTIONS as readonly string[]).includes(name);
const isFlag = (name: string): name is Flag => (FLAGS as readonly string[]).includes(name);
const isOption = (arg: string) =>
  /^--[^=]+/.test(arg) && (isFlag(arg.slice(2)) || isValueOption(arg.split("=")[0]!.slice(2)));

/**
 * Splits the arguments into options and positionals. A value may start with a dash (`--timeout -5` is
 * refused by the value check, with its own message, not taken as an option); an option name given where a
 * value is due (`--out --no-open`) is not taken as the value. `--` ends the options.
 */
function parseOptions(argv: readonly string[]) {
  const values: Partial<Record<ValueOption, string>> & Partial<Record<Flag, boolean>> = {};
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === "-h") {
      values.help = true;
      continue;
    }
    if (arg.startsWith("--")) {
      const eq = arg.indexOf("=");
      const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      if (isFlag(name)) {
        if (eq !== -1) throw new UsageError(`--${name} takes no value`);
        values[name] = true;
      } else if (isValueOption(name)) {
        if (eq !== -1) values[name] = arg.slice(eq + 1);
        else if (i + 1 < argv.length && !isOption(argv[i + 1]!) && argv[i + 1] !== "-h") values[name] = argv[++i]!;
        else throw new UsageError(`--${name} needs a value`);
      } else {
        throw new UsageError(`unknown option: ${arg}`);
      }
      continue;
    }
    if (arg.startsWith("-") && arg !== "-") {
      const name = arg.slice(1).split("=")[0]!;
      const hint = isFlag(name) || isValueOption(name) ? ` (did you mean --${arg.slice(1)}?)` : "";
      throw new UsageError(`unknown option: ${arg}${hint}`);
    }
    positionals.push(arg);
  }
  return { values, positionals };
}

/** A whole number of seconds or one with up to three decimals, in ms, exactly (no float rounding). */
function parseSeconds(text: string): number | undefined {
  const match = /^(\d+)(?:\.(\d{1,3}))?$/.exec(text);
  if (match === null) return undefined;
  const ms = Number(match[1]) * 1000 + Number((match[2] ?? "").padEnd(3, "0"));
  return ms > 0 && ms <= MAX_TIMEOUT_SECONDS * 1000 ? ms : undefined;
}

function parse(argv: readonly string[]): Parsed {
  const parsed = parseOptions(argv);
  const { values, positionals } = parsed;
  if (values.help || positionals[0] === "help") return { command: "help" };
  if (values.version) return { command: "version" };
  if (positionals.length === 0) throw new UsageError("missing command: login");
  if (positionals[0] !== "login" || positionals.length > 1) {
    throw new UsageError(`unknown command: ${positionals.join(" ")}`);
  }

  // Digits only: no sign, no fraction, no exponent, no hex, no spaces (Number() would take " 8e1 ").
  const port = values.port === undefined ? 0 : /^\d{1,5}$/.test(values.port) ? Number(values.port) : Number.NaN;
  if (!Number.isInteger(port) || port > 65_535) {
    throw new UsageError(
      `--port must be a whole number from 0 to 65535 (0: any free port), not ${JSON.stringify(values.port)}`,
    );
  }
  const timeoutMs = values.timeout === undefined ? DEFAULT_LOGIN_TIMEOUT_MS : parseSeconds(values.timeout);
  if (timeoutMs === undefined) {
    throw new UsageError(
      `--timeout must be a positive number of seconds, such as 300 or 0.5 (at most 3 decimals, up to ${MAX_TIMEOUT_SECONDS}), not ${JSON.stringify(values.timeout)}`,
    );
  }
  // Like the SDK, the OPENROUTER_BASE_URL variable is the default; an empty one counts as unset.
  const serverURL = values["server-url"] ?? readEnv("OPENROUTER_BASE_URL");
  if (serverURL !== undefined && !/^https?:$/.test(URL.canParse(serverURL) ? new URL(serverURL).protocol : "")) {
    const source = values["server-url"] === undefined ? "OPENROUTER_BASE_URL" : "--server-url";
    throw new UsageError(`${source} must be an absolute http or https URL`);
  }
  // The exchange sends the code and its verifier and gets the key back: checked here, before anything is
  // sent, so the user gets a usage error rather than a failed sign-in.
  if (serverURL !== undefined && isPlainHttpOffLoopback(new URL(serverURL))) {
    const source = values["server-url"] === undefined ? "OPENROUTER_BASE_URL" : "--server-url";
    throw new UsageError(
      `${source} must use https (plain http only to a loopback host: localhost, 127.0.0.0/8 or [::1]), so the code and the key never cross a network in clear text`,
    );
  }
  if (values.out === "") throw new UsageError("--out needs a file name");
  return {
    command: "login",
    args: { open: !values["no-open"], port, timeoutMs, serverURL, out: values.out },
    debug: values.debug === true,
  };
}

/**
 * Writes one line on stderr. Every line goes through escapeForTerminal, since most hold text from outside
 * (a server's message, a path, a pasted line): a newline or a bidi control in it is shown, so it can
 * neither forge a line of its own ("Now run: …") nor reorder what the user reads.
 */
const say = (line: string) => process.stderr.write(`${escapeForTerminal(line)}\n`);

/** process.stdin, when something can be pasted or piped into it (not when it is /dev/null or closed). */
async function pasteInput(): Promise<NodeJS.ReadableStream | undefined> {
  try {
    // The descriptor is checked first: creating process.stdin for /dev/null (a file stream) costs the CLI
    // several ms before it can print the URL, for an input it would not use. node:tty is loaded only to
    // tell a terminal from another character device such as /dev/null.
    const stat = fstatSync(0);
    if (stat.isFIFO() || stat.isSocket() || stat.isFile()) return process.stdin;
    if (!stat.isCharacterDevice()) return undefined;
    const { isatty } = await import("node:tty");
    return isatty(0) ? process.stdin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The lines pasted on `stdin`, for the login. The CLI reads stdin itself to tell the user about a line too
 * long to be an address (the login alone would drop it without a word) and keeps waiting for a usable one;
 * memory stays bounded however long that line goes on (see readLines). The other lines are handed on.
 */
async function pastedLines(stdin: NodeJS.ReadableStream): Promise<{ lines: NodeJS.ReadableStream; stop: () => void }> {
  const { PassThrough } = await import("node:stream");
  const lines = new PassThrough();
  const stop = readLines(
    stdin,
    (line) => lines.write(`${line}\n`),
    () =>
      say(
        `The pasted line is longer than ${MAX_LINE_BYTES} bytes, far longer than any sign-in address: it was ignored. Paste the address the browser ended on (or the code) and press Enter.`,
      ),
  );
  return { lines, stop };
}

function exitCodeFor(error: unknown, interruptedBy: NodeJS.Signals | undefined): number {
  if (error instanceof LoginAbortedError) return interruptedBy === "SIGTERM" ? EXIT.terminated : EXIT.interrupted;
  if (error instanceof LoginTimeoutError) return EXIT.timeout;
  if (error instanceof LoopbackBindError) return EXIT.port;
  if (error instanceof SDKValidationError) return EXIT.usage;
  return EXIT.failed;
}

/** The one line a failure prints: `error: …`; the error's class (and its causes') only with --debug. */
function describeFailure(error: unknown, debug: boolean): string {
  if (error instanceof LoginAbortedError) return "error: interrupted: the sign-in was cancelled.";
  if (error instanceof LoginTimeoutError) return `error: timed out: no sign-in within ${error.timeoutMs / 1000} s.`;
  if (!(error instanceof Error)) return "error: sign-in failed.";
  const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);
  if (!debug) return `error: sign-in failed: ${sentence(error.message)}`;
  let line = `error: sign-in failed: ${error.name}: ${error.message}`;
  for (let cause = error.cause, depth = 0; cause !== undefined && depth < 5; cause = (cause as Error).cause, depth++) {
    line += cause instanceof Error ? ` (caused by ${cause.name}: ${cause.message})` : " (caused by a non-error value)";
    if (!(cause instanceof Error)) break;
  }
  return line;
}

async function login(args: LoginArgs, debug: boolean): Promise<number> {
  if (args.out !== undefined) {
    // Refused before the login, not after it: a key minted for nothing would be lost. (An lstat that fails
    // for another reason than a missing file, say a folder we cannot search, is left to the checks below.)
    const problem = await secretFileProblem(args.out).catch(() => undefined);
    if (problem !== undefined) {
      say(`error: --out ${args.out} refused: ${problem}.`);
      return EXIT.usage;
    }
    const out = resolve(args.out);
    try {
      const { access, constants } = await import("node:fs/promises");
      await access(dirname(out), constants.W_OK);
    } catch {
      say(`error: cannot write --out ${args.out}: its folder does not exist or is not writable`);
      return EXIT.failed;
    }
  }

  const controller = new AbortController();
  let interruptedBy: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interruptedBy !== undefined) process.exit(signal === "SIGTERM" ? EXIT.terminated : EXIT.interrupted);
    interruptedBy = signal;
    controller.abort();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  const stdin = await pasteInput();
  const paste = stdin === undefined ? undefined : await pastedLines(stdin);
  const input = paste?.lines;
  try {
    const { key, userId } = await loginWithLoopback({
      serverURL: args.serverURL,
      port: args.port,
      timeoutMs: args.timeoutMs,
      signal: controller.signal,
      input,
      onPasteRejected: ({ message }) => say(message),
      openBrowser: args.open,
      onAuthorizationUrl: (url) => {
        say("Sign in to OpenRouter by opening this URL in your browser:");
        say("");
        say(`  ${url}`);
        say("");
        if (args.open) say("(Opening it in your default browser.)");
        if (input !== undefined) {
          say("If that browser cannot reach this machine, paste the address it ends on (or the code) and press Enter.");
        }
        say(`Waiting for you to approve (up to ${args.timeoutMs / 1000} s; Ctrl-C to cancel)...`);
      },
    });
    say(`Signed in${userId === null ? "" : ` as ${userId}`}.`);
    // A real key is plain ASCII and comes out as is; a server's key with a newline or an escape sequence
    // would print on the terminal (or land in the file) as lines of its own: it is shown escaped, in both.
    const shownKey = escapeForTerminal(key);
    if (args.out === undefined) {
      process.stdout.write(`${shownKey}\n`);
    } else {
      try {
        await writeSecretFile(args.out, `${shownKey}\n`);
      } catch (error) {
        // The file became unsafe during the login (checked again right before the rename).
        if (error instanceof UnsafeSecretFileError)
          say(`error: the key was not written to --out ${args.out}: ${error.reason}.`);
        else
          say(
            `error: the key could not be written to ${args.out} (${(error as NodeJS.ErrnoException).code ?? "error"})`,
          );
        return EXIT.failed;
      }
      say(`The key was written to ${args.out} (mode 0600).`);
    }
    return EXIT.ok;
  } catch (error) {
    say(describeFailure(error, debug));
    return exitCodeFor(error, interruptedBy);
  } finally {
    paste?.stop();
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

/** Runs the CLI with `argv` (the arguments after the program name) and resolves with the exit code. */
async function main(argv: readonly string[]): Promise<number> {
  let parsed: Parsed;
  try {
    parsed = parse(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    say(`error: ${error.message}`);
    say("Run `openrouter-oauth --help` for usage.");
    return EXIT.usage;
  }
  if (parsed.command === "help") {
    process.stdout.write(HELP);
    return EXIT.ok;
  }
  if (parsed.command === "version") {
    process.stdout.write(`${SDK_VERSION}\n`);
    return EXIT.ok;
  }
  return login(parsed.args, parsed.debug);
}

// No process.exit(): the process ends on its own once the login has closed everything, which proves it did.
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    say(`error: internal error: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = EXIT.failed;
  },
);
