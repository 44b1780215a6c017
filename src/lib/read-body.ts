/** Thrown by {@link readBodyText} when a body is larger than allowed; the rest is never read. */
export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`The response body is larger than ${limit} bytes`);
    this.name = "BodyTooLargeError";
  }
}

/**
 * Reads a response body as UTF-8 text, stopping with {@link BodyTooLargeError} past `limit` bytes so
 * a hostile or broken server cannot make us buffer without bound.
 */
export async function readBodyText(response: Response, limit: number, signal?: AbortSignal): Promise<string> {
  const declared = Number(response.headers.get("content-length"));
  if (declared > limit) {
    await response.body?.cancel().catch(() => {});
    throw new BodyTooLargeError(limit);
  }
  if (!response.body) return "";
  const reader = response.body.getReader();
  // A custom fetch may ignore the signal: cancelling the reader still ends a stalled read.
  const onAbort = () => void reader.cancel().catch(() => {});
  signal?.addEventListener("abort", onAbort, { once: true });
  const decoder = new TextDecoder();
  let size = 0;
  let text = "";
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => {});
        throw new BodyTooLargeError(limit);
      }
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    signal?.removeEventListener("abort", onAbort);
  }
  return text + decoder.decode();
}
