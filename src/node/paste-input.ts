// Lines pasted (or piped) on an input such as stdin: the final address of a login, or its bare code.

/**
 * The longest line taken, in bytes. A callback address with its code and nonce is a few hundred bytes;
 * 8 KB leaves room for any real one, and bounds what a huge paste (or a file piped in by mistake) can hold.
 */
export const MAX_LINE_BYTES = 8192;

const LF = 0x0a;
const CR = 0x0d;

/**
 * Splits bytes into lines (`\n`, `\r\n` or `\r`) and hands on each trimmed, non-empty one. A line longer
 * than `maxBytes` is refused as soon as it grows past the limit (`onOverlong`, once) and dropped up to its
 * end, so it never holds more than `maxBytes` bytes, and each byte is looked at once, however long the line.
 * Works on bytes, not text: a character split between chunks is decoded whole, with its line.
 */
export class LineSplitter {
  #parts: Buffer[] = [];
  #size = 0;
  /** Inside an over-long line, dropping bytes up to its end. */
  #dropping = false;

  constructor(
    private readonly onLine: (line: string) => void,
    private readonly onOverlong: () => void,
    readonly maxBytes: number = MAX_LINE_BYTES,
  ) {}

  /** The bytes of the unfinished line held: never more than `maxBytes`. */
  get bufferedBytes(): number {
    return this.#size;
  }

  push(chunk: Buffer): void {
    let start = 0;
    let cr = chunk.indexOf(CR);
    let lf = chunk.indexOf(LF);
    for (;;) {
      // Each search picks up where the last one found its byte: one pass over the chunk, however many lines.
      if (cr !== -1 && cr < start) cr = chunk.indexOf(CR, start);
      if (lf !== -1 && lf < start) lf = chunk.indexOf(LF, start);
      const end = cr === -1 ? lf : lf === -1 ? cr : Math.min(cr, lf);
      if (end === -1) break;
      this.#take(chunk, start, end, true);
      start = end + 1;
    }
    if (start < chunk.length) this.#take(chunk, start, chunk.length, false);
  }

  /** The input ended: the unfinished line, if any (and not over-long), is the last. */
  end(): void {
    if (!this.#dropping && this.#size > 0) this.#emit(Buffer.concat(this.#parts, this.#size));
    this.#parts = [];
    this.#size = 0;
    this.#dropping = false;
  }

  #take(chunk: Buffer, start: number, end: number, complete: boolean): void {
    if (this.#dropping) {
      if (complete) this.#dropping = false; // the over-long line ends here; the next one is taken
      return;
    }
    const length = end - start;
    if (this.#size + length > this.maxBytes) {
      this.#parts = [];
      this.#size = 0;
      this.#dropping = !complete;
      this.onOverlong();
      return;
    }
    if (complete) {
      const line =
        this.#size === 0 ? chunk.subarray(start, end) : Buffer.concat([...this.#parts, chunk.subarray(start, end)]);
      this.#parts = [];
      this.#size = 0;
      this.#emit(line);
    } else {
      // A copy: a view would keep the whole chunk (up to 64 KB) alive for a few bytes.
      this.#parts.push(Buffer.from(chunk.subarray(start, end)));
      this.#size += length;
    }
  }

  #emit(bytes: Buffer): void {
    const line = bytes.toString("utf8").trim();
    if (line !== "") this.onLine(line);
  }
}

/**
 * Calls `onLine` with each non-empty, trimmed line read from `input` (the final line too when the
 * stream ends without a newline). A line longer than {@link MAX_LINE_BYTES} is not delivered: `onOverlong`
 * is called once, as soon as it is too long, and the rest of it is dropped as it comes. Returns a function
 * that stops listening and pauses the stream; it never closes the stream, which may be the process's stdin.
 */
export function readLines(
  input: NodeJS.ReadableStream,
  onLine: (line: string) => void,
  onOverlong: () => void = () => {},
): () => void {
  let stopped = false;
  const splitter = new LineSplitter(
    (line) => {
      if (!stopped) onLine(line);
    },
    () => {
      if (!stopped) onOverlong();
    },
  );
  const onData = (chunk: string | Buffer) => splitter.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  const onEnd = () => splitter.end();
  const onError = () => stop(); // an unreadable input only takes the paste fallback away
  function stop() {
    if (stopped) return;
    stopped = true;
    input.off("data", onData);
    input.off("end", onEnd);
    input.off("error", onError);
    input.pause();
  }
  input.on("data", onData);
  input.once("end", onEnd);
  input.once("error", onError);
  input.resume();
  return stop;
}
