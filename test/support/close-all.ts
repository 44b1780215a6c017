// Tearing down a suite's servers and browser: every one is closed even when another fails to close.

/** Waits for all of `closing` to settle, then throws the first failure, if any. */
export async function closeAll(...closing: (Promise<unknown> | undefined)[]): Promise<void> {
  const results = await Promise.allSettled(closing);
  const failed = results.find((result) => result.status === "rejected");
  if (failed) throw failed.reason;
}
