// The CLI's `--out` writer: the file holds its old content or the whole new one, mode 0600, whatever fails.
// Failures are injected twice: by a file system whose write, flush or rename throws (in process), and by a
// real full disk (a child process with `ulimit -f 0`, on the module bundled for it by esbuild).
import { execFileSync } from "node:child_process";
import {
  chmod,
  link,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  readlink,
  rm,
  stat,
  symlink,
  writeFile,
} from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { childEnv, describeChild, repoRoot, runChild } from "./support/build-once.js";

const failAt = vi.hoisted(() => ({
  step: undefined as "write" | "sync" | "rename" | undefined,
  /** Runs before the flush of the temporary file: changes what the rename would replace, meanwhile. */
  beforeSync: undefined as (() => Promise<void>) | undefined,
}));

vi.mock("node:fs/promises", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:fs/promises")>();
  const injected = (step: string) => Object.assign(new Error(`injected ${step} failure`), { code: "EIO" });
  return {
    ...real,
    open: async (...args: Parameters<typeof real.open>) => {
      const handle = await real.open(...args);
      return new Proxy(handle, {
        get(target, name) {
          if ((name === "writeFile" || name === "sync") && failAt.step === (name === "writeFile" ? "write" : "sync")) {
            return async (...rest: unknown[]) => {
              // A failing write may still leave part of the data behind, as a full disk does.
              if (name === "writeFile") await target.writeFile(String(rest[0]).slice(0, 5));
              throw injected(failAt.step as string);
            };
          }
          if (name === "sync" && failAt.beforeSync !== undefined) {
            const change = failAt.beforeSync;
            return async () => {
              await change();
              await target.sync();
            };
          }
          const value = Reflect.get(target, name, target);
          return typeof value === "function" ? value.bind(target) : value;
        },
      });
    },
    rename: async (...args: Parameters<typeof real.rename>) => {
      if (failAt.step === "rename") throw injected("rename");
      return real.rename(...args);
    },
  };
});

const { secretFileProblem, UnsafeSecretFileError, writeSecretFile } = await import("../src/node/write-secret-file.js");

const OLD = "sk-or-v1-the-old-key-that-must-survive\n";
const NEW = "sk-or-v1-the-new-key\n";
let folder: string;

beforeEach(async () => {
  failAt.step = undefined;
  failAt.beforeSync = undefined;
  folder = await mkdtemp(join(tmpdir(), "openrouter-oauth-out-"));
});
afterEach(() => rm(folder, { recursive: true, force: true }));

describe("writeSecretFile", () => {
  test("creates the file with mode 0600 and leaves nothing else in the folder", async () => {
    const file = join(folder, "key");
    await writeSecretFile(file, NEW);
    expect(await readFile(file, "utf8")).toBe(NEW);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readdir(folder)).toEqual(["key"]);
  });

  test("replaces a longer, world-readable file whole: mode 0600, only the new content", async () => {
    const file = join(folder, "key");
    await writeFile(file, OLD.repeat(3));
    await chmod(file, 0o644);
    await writeSecretFile(file, NEW);
    expect(await readFile(file, "utf8")).toBe(NEW);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  test.each(["write", "sync", "rename"] as const)(
    "a failed %s rethrows and leaves the existing key as it was, and no temporary file",
    async (step) => {
      const file = join(folder, "key");
      await writeFile(file, OLD, { mode: 0o600 });
      failAt.step = step;
      await expect(writeSecretFile(file, NEW)).rejects.toThrow(`injected ${step} failure`);
      expect(await readFile(file, "utf8")).toBe(OLD);
      expect(await readdir(folder)).toEqual(["key"]);
    },
  );

  test("a failed write where there was no file leaves no file at all", async () => {
    failAt.step = "write";
    await expect(writeSecretFile(join(folder, "key"), NEW)).rejects.toThrow();
    expect(await readdir(folder)).toEqual([]);
  });
});

// Replacing what is not a plain file would replace a device (/dev/null, as root), follow a link somewhere
// else, or leave the old key readable through another name: refused, everything left as it was.
describe.skipIf(process.platform === "win32")("what writeSecretFile refuses to replace", () => {
  test("a directory, a FIFO, a symlink (to a file, or dangling): refused, each left as it was", async () => {
    const directory = join(folder, "directory");
    await mkdir(directory);
    const fifo = join(folder, "fifo");
    execFileSync("mkfifo", [fifo]);
    const target = join(folder, "target");
    await writeFile(target, OLD, { mode: 0o600 });
    const linked = join(folder, "linked");
    await symlink(target, linked);
    const dangling = join(folder, "dangling");
    await symlink(join(folder, "nowhere"), dangling);
    for (const [file, reason] of [
      [directory, "it is a directory"],
      [fifo, "it is a FIFO (named pipe)"],
      [linked, "it is a symbolic link"],
      [dangling, "it is a symbolic link"],
    ] as const) {
      const refusal = writeSecretFile(file, NEW);
      await expect(refusal, file).rejects.toBeInstanceOf(UnsafeSecretFileError);
      await expect(refusal, file).rejects.toMatchObject({ code: "ERR_UNSAFE_SECRET_FILE", file });
      await expect(refusal, file).rejects.toThrow(reason);
    }
    expect((await stat(directory)).isDirectory()).toBe(true);
    expect((await stat(fifo)).isFIFO()).toBe(true);
    expect(await readlink(linked)).toBe(target);
    expect(await readFile(target, "utf8")).toBe(OLD);
    expect(await readlink(dangling)).toBe(join(folder, "nowhere"));
    expect((await readdir(folder)).sort()).toEqual(["dangling", "directory", "fifo", "linked", "target"]);
  });

  test("a file with another hard link: refused, so the old key cannot stay readable through the other name", async () => {
    const file = join(folder, "key");
    const other = join(folder, "backup-of-key");
    await writeFile(file, OLD, { mode: 0o600 });
    await link(file, other);
    await expect(writeSecretFile(file, NEW)).rejects.toThrow("it has 2 hard links");
    expect(await readFile(file, "utf8")).toBe(OLD);
    expect(await readFile(other, "utf8")).toBe(OLD);
    expect((await readdir(folder)).sort()).toEqual(["backup-of-key", "key"]);
  });

  test("a file that gets a second hard link while the key is written: refused before the rename", async () => {
    const file = join(folder, "key");
    const other = join(folder, "backup-of-key");
    await writeFile(file, OLD, { mode: 0o600 });
    failAt.beforeSync = () => link(file, other);
    await expect(writeSecretFile(file, NEW)).rejects.toThrow("it has 2 hard links");
    expect(await readFile(file, "utf8")).toBe(OLD);
    expect(await readFile(other, "utf8")).toBe(OLD);
    expect((await readdir(folder)).sort()).toEqual(["backup-of-key", "key"]);
  });

  test("secretFileProblem: none for a missing or plain file, a reason for a device", async () => {
    expect(await secretFileProblem(join(folder, "missing"))).toBeUndefined();
    await writeFile(join(folder, "plain"), OLD);
    expect(await secretFileProblem(join(folder, "plain"))).toBeUndefined();
    expect(await secretFileProblem("/dev/null")).toBe("it is a character device");
  });
});

describe("on a full disk, in a real process", () => {
  test("the write fails with EFBIG and the old key is intact", async () => {
    const file = join(folder, "key");
    await writeFile(file, OLD, { mode: 0o600 });
    // Plain JavaScript for the child: under `ulimit -f 0`, a TypeScript loader could not write its cache.
    const module = join(folder, "write-secret-file.mjs");
    await build({
      entryPoints: [join(repoRoot, "src/node/write-secret-file.ts")],
      outfile: module,
      bundle: true,
      format: "esm",
      platform: "node",
      logLevel: "silent",
    });
    const script = `import(${JSON.stringify(module)}).then((m) => m.writeSecretFile(${JSON.stringify(file)}, ${JSON.stringify(NEW)})).then(() => console.log("written"), (e) => console.log("failed", e.code))`;
    // SIGXFSZ ignored, so the write returns EFBIG instead of killing the process (as a full disk returns ENOSPC).
    const result = await runChild(
      "bash",
      ["-c", `trap '' XFSZ; ulimit -f 0; exec "${process.execPath}" -e '${script.replaceAll("'", "'\\''")}'`],
      { env: childEnv({}), timeoutMs: 20_000 },
    );
    expect(result.stdout.trim(), describeChild(result)).toBe("failed EFBIG");
    expect(await readFile(file, "utf8")).toBe(OLD);
    expect((await readdir(folder)).sort()).toEqual(["key", "write-secret-file.mjs"]);
  });
});
