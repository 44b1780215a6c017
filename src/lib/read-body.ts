/**
 * Reads a response body as UTF-8 text, counting bytes; undefined once it grows past `limit`, so a hostile
 * or broken server cannot make us buffer without bound (the rest is never read). A declared
 * Content-Length is not trusted for this: a compressed body's says nothing of its size once decoded.
 */
export async function readBodyText(
  response: Response,
  limit: number,
  signal: AbortSignal,
): Promise<string | undefined> {
  const reader = response.body?.getReader();
  if (!reader) return "";
  // A custom fetch may ignore the signal: cancelling the reader still ends a stalled read.
  const cancel = () => void reader.cancel().catch(() => {});
  signal.addEventListener("abort", cancel);
  const decoder = new TextDecoder();
  let size = 0;
  let text = "";
  try {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      size += chunk.value.byteLength;
      if (size > limit) {
        cancel();
        return undefined;
      }
      text += decoder.decode(chunk.value, { stream: true });
    }
  } finally {
    signal.removeEventListener("abort", cancel);
  }
  return text + decoder.decode();
}
