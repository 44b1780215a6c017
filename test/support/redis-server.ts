// A throwaway Redis for tests: Debian's /usr/bin/redis-server on a free 127.0.0.1 port, no persistence,
// stopped by its PID. Skipped (with a reason) only when it is missing outside CI; under CI it must run.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { inCI } from "./chromium.js";
import { freePort } from "./free-port.js";

export const REDIS_SERVER_PATH = "/usr/bin/redis-server";

/** Why the Redis tests are skipped, or undefined when they must run (always under CI). */
export function redisSkipReason(): string | undefined {
  if (existsSync(REDIS_SERVER_PATH) || inCI()) return undefined;
  return `skipped: ${REDIS_SERVER_PATH} is missing (install it with \`apt-get install -y redis-server\`; .ci/run does it in CI; with CI=true these tests fail instead)`;
}

export interface RedisServer {
  /** `redis://127.0.0.1:PORT` */
  readonly url: string;
  readonly pid: number;
  /** SIGTERM by PID (SIGKILL after 5 s), and waits for the exit. */
  stop(): Promise<void>;
}

/** Starts redis-server on a free loopback port; resolves once it accepts connections. */
export async function startRedisServer(): Promise<RedisServer> {
  if (!existsSync(REDIS_SERVER_PATH))
    throw new Error(`${REDIS_SERVER_PATH} is missing: apt-get install -y redis-server`);
  const port = await freePort();
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"];
  const child: ChildProcess = spawn(REDIS_SERVER_PATH, args, { stdio: ["ignore", "pipe", "pipe"] });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    const force = setTimeout(() => process.kill(child.pid!, "SIGKILL"), 5_000);
    process.kill(child.pid, "SIGTERM");
    await exited;
    clearTimeout(force);
  };
  let output = "";
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`redis-server did not start within 10 s:\n${output}`)), 10_000);
      child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
        output += chunk;
        if (output.includes("Ready to accept connections")) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
      child.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited with ${code}:\n${output}`));
      });
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `redis://127.0.0.1:${port}`, pid: child.pid!, stop };
}
