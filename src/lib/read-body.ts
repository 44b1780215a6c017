/**
 * Reads a response body as UTF-8 text; undefined once it grows past `limit` bytes, so a hostile or
 * broken server cannot make us buffer without bound (the rest is never read).
 */
export function readBodyText(response: Response, limit: number, signal: AbortSignal): Promise<string | undefined> {
  // Fast path: a declared, uncompressed length within the limit is what the runtime will read at most
  // (fetch fails a body longer than its Content-Length). A compressed body's length says nothing of
  // its size once decoded, so that goes through the counting reader below.
  const declared = response.headers.get("content-length");
  const encoding = response.headers.get("content-encoding");
  if (declared !== null && /^\d+$/.test(declared) && (encoding === null || encoding === "identity")) {
    if (Number(declared) > limit) {
      void response.body?.cancel().catch(() => {});
      return Promise.resolve(undefined);
    }
    return response.text();
  }
  return readCounting(response, limit, signal);
}

/** Reads the body chunk by chunk, counting bytes: for a body whose size is not known in advance. */
async function readCounting(response: Response, limit: number, signal: AbortSignal): Promise<string | undefined> {
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
