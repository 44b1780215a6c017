// Writes a secret to a file so that, whatever fails, the file holds either its old content or the whole new
// one, and only its owner can read it: a temporary file beside it, flushed to disk, then renamed over it.
import { basename, dirname, join } from "node:path";

/**
 * `file` is something a secret must not replace: not a regular file (a device such as /dev/null, which a
 * rename run as root would replace, a directory, a FIFO, a socket), a symbolic link, or a file with other
 * hard links. Nothing was written.
 */
export class UnsafeSecretFileError extends Error {
  /** Always `"UnsafeSecretFileError"`. */
  override name = "UnsafeSecretFileError";
  readonly code = "ERR_UNSAFE_SECRET_FILE";

  constructor(
    /** The file as it was given. */
    readonly file: string,
    /** Why, e.g. `it is a directory`. */
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
  }
}

/**
 * Why a secret must not replace `file`, or `undefined` when it may: it does not exist, or it is a regular
 * file with no other hard link. A symbolic link is refused rather than followed or replaced: replacing the
 * link would leave the old key in its target, and writing through it would put the key wherever it points.
 * A file with other hard links is refused too: a rename gives `file` a new inode, so the old key would
 * stay readable through the other names, and writing in place would lose the all-or-nothing replacement.
 */
export async function secretFileProblem(file: string): Promise<string | undefined> {
  const { lstat } = await import("node:fs/promises");
  let stats: Awaited<ReturnType<typeof lstat>>;
  try {
    stats = await lstat(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  if (stats.isSymbolicLink()) return "it is a symbolic link (give the path of the file itself)";
  if (stats.isDirectory()) return "it is a directory";
  if (stats.isCharacterDevice()) return "it is a character device";
  if (stats.isBlockDevice()) return "it is a block device";
  if (stats.isFIFO()) return "it is a FIFO (named pipe)";
  if (stats.isSocket()) return "it is a socket";
  if (!stats.isFile()) return "it is not a regular file";
  if (stats.nlink > 1) {
    return `it has ${stats.nlink} hard links, through which the old key would stay readable (remove the others first)`;
  }
  return undefined;
}

/**
 * Replaces `file` with `content`, mode 0600. The temporary file is created exclusively (`wx`, so it never
 * follows a planted symlink) in the same folder, since a rename is atomic only within one file system.
 * Rejects with {@link UnsafeSecretFileError}, writing nothing, when `file` is not a plain file that may be
 * replaced (see {@link secretFileProblem}). On failure the temporary file is removed and the error
 * rethrown; `file` is as it was.
 */
export async function writeSecretFile(file: string, content: string): Promise<void> {
  // Loaded here, not at start-up: a CLI run without --out never pays for it.
  const { open, rename, unlink } = await import("node:fs/promises");
  const refuseUnsafe = async () => {
    const problem = await secretFileProblem(file);
    if (problem !== undefined) throw new UnsafeSecretFileError(file, problem);
  };
  await refuseUnsafe();
  const folder = dirname(file);
  // Web Crypto, already loaded for PKCE: importing node:crypto would cost the CLI's start-up a few ms.
  const suffix = Buffer.from(crypto.getRandomValues(new Uint8Array(6))).toString("hex");
  const temporary = join(folder, `.${basename(file)}.${suffix}.tmp`);
  const handle = await open(temporary, "wx", 0o600);
  try {
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    // Again right before the rename: the file may have changed while the key was being obtained and written.
    await refuseUnsafe();
    await rename(temporary, file);
  } catch (error) {
    await unlink(temporary).catch(() => {});
    throw error;
  }
  await syncFolder(folder);
}

/** Makes the rename itself durable. Not every platform can open a folder for this (Windows cannot): best effort. */
async function syncFolder(folder: string): Promise<void> {
  const { open } = await import("node:fs/promises");
  try {
    const handle = await open(folder, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // The file is complete and in place; only its survival of a power cut right now is less certain.
  }
}
