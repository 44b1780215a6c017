import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "./free-port.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const require = createRequire(import.meta.url);

export interface PrismServer {
  readonly url: string;
  readonly pid: number;
  stop(): Promise<void>;
}

/**
 * Starts Prism's mock server on a free 127.0.0.1 port, straight from its JS entry with this Node (no
 * npx wrapper, so the PID is Prism's own), and resolves once it says it is listening.
 */
export async function startPrism(
  spec = resolve(root, "openapi/openrouter-oauth.yaml"),
  extraArgs: string[] = [],
): Promise<PrismServer> {
  const entry = require.resolve("@stoplight/prism-cli/dist/index.js");
  for (let tries = 1; ; tries++) {
    const port = await freePort();
    const child = spawn(process.execPath, [entry, "mock", spec, "-h", "127.0.0.1", "-p", String(port), ...extraArgs], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
    });
    try {
      await waitForListening(child, 30_000);
      return {
        url: `http://127.0.0.1:${port}`,
        pid: child.pid!,
        stop: () => stopChild(child),
      };
    } catch (error) {
      await stopChild(child);
      // Another process may have taken the port between the probe and Prism's bind: try again.
      if (tries >= 3) throw error;
    }
  }
}

function waitForListening(child: ChildProcess, timeoutMs: number): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    let output = "";
    const timer = setTimeout(
      () => fail(new Error(`Prism did not start within ${timeoutMs} ms:\n${output}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/Prism is (now )?listening/.test(output)) {
        clearTimeout(timer);
        resolvePromise();
      }
    };
    const fail = (error: Error) => {
      clearTimeout(timer);
      reject(error);
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => fail(new Error(`Prism exited with ${code} before listening:\n${output}`)));
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolvePromise) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 5_000);
    child.once("exit", () => {
      clearTimeout(force);
      resolvePromise();
    });
    child.kill("SIGTERM");
  });
}
