// Writes a secret to a file so that, whatever fails, the file holds either its old content or the whole new
// one, and only its owner can read it: a temporary file beside it, flushed to disk, then renamed over it.
import { basename, dirname, join } from "node:path";

/**
 * Replaces `file` with `content`, mode 0600. The temporary file is created exclusively (`wx`, so it never
 * follows a planted symlink) in the same folder, since a rename is atomic only within one file system.
 * On failure the temporary file is removed and the error rethrown; `file` is as it was.
 */
export async function writeSecretFile(file: string, content: string): Promise<void> {
  // Loaded here, not at start-up: a CLI run without --out never pays for it.
  const { open, rename, unlink } = await import("node:fs/promises");
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
