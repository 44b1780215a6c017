import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (where package.json is). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

const entries = ["dist/esm/src/index.js", "dist/cjs/src/index.js", "dist/esm/src/index.d.ts", "dist/cjs/package.json"];

/**
 * Throws a clear error unless dist/ has been built. Tests of the published package use dist/, which
 * `npm test` builds before vitest; running vitest directly needs `npm run build` first.
 */
export function requireBuiltDist(): void {
  const missing = entries.filter((file) => !existsSync(join(repoRoot, file)));
  if (missing.length > 0) {
    throw new Error(
      `dist/ is not built (missing ${missing.join(", ")}): run \`npm run build\` first (\`npm test\` does it for you).`,
    );
  }
}

export interface ChildResult {
  /** Exit code; null when killed by a signal (for example on timeout). */
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly timedOut: boolean;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Killed with SIGKILL after this long; default 30 s. */
  readonly timeoutMs?: number;
}

/**
 * Runs a child process to completion with a hard time limit (it is SIGKILLed, never left hanging) and
 * collects its output. Never rejects for a non-zero exit: the caller asserts on the result.
 */
export function runChild(command: string, args: readonly string[], options: RunOptions = {}): Promise<ChildResult> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd ?? repoRoot,
      env: options.env ?? process.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, timedOut, stdout, stderr });
    });
  });
}

/** A one-line summary of a child's outcome plus its output, for assertion messages. */
export function describeChild(result: ChildResult): string {
  const outcome = result.timedOut ? "timed out" : `exited with ${result.code ?? result.signal}`;
  return `${outcome}\n--- stdout ---\n${result.stdout}\n--- stderr ---\n${result.stderr}`;
}

/**
 * The environment for a child Node process: the current one without anything that could inject code
 * or colours into it, nor the developer's OPENROUTER_* settings (a real API key, a base URL) or mock
 * URL, plus `extra`.
 */
export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  for (const name of ["NODE_OPTIONS", "FORCE_COLOR", "SEED_MOCK_URL"]) delete env[name];
  // Every OPENROUTER_* variable configures the SDK (and the CLI): a test sets the ones it means to.
  for (const name of Object.keys(env)) if (name.startsWith("OPENROUTER_")) delete env[name];
  return { ...env, ...extra };
}
