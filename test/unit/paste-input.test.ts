// The paste reader of the loopback login and the CLI: one line per callback address or code, and a line
// longer than any callback address (8 KB) is refused at once and dropped up to its newline, so that a
// huge paste (or a file piped in by mistake) neither grows memory nor burns CPU.
import { PassThrough } from "node:stream";
import { describe, expect, test } from "vitest";
import { LineSplitter, MAX_LINE_BYTES, readLines } from "../../src/node/paste-input.js";

const CHUNK = 64 * 1024;

/** readLines on a fresh stream: the delivered lines, and how many over-long lines it refused so far. */
function reading() {
  const input = new PassThrough();
  const lines: string[] = [];
  let refused = 0;
  readLines(
    input,
    (line) => lines.push(line),
    () => refused++,
  );
  return { input, lines, refusals: () => refused };
}

describe("readLines", () => {
  test("trimmed, non-empty lines; \\n, \\r\\n and \\r end a line; the last one too at the end", () => {
    const input = new PassThrough();
    const lines: string[] = [];
    readLines(input, (line) => lines.push(line));
    input.write("  first \r\n\nsec");
    input.write("ond\rthird\n");
    input.end("last");
    return new Promise<void>((resolve) => {
      input.once("end", () => {
        expect(lines).toEqual(["first", "second", "third", "last"]);
        resolve();
      });
    });
  });

  test("a multi-byte character split between chunks is decoded whole", async () => {
    const input = new PassThrough();
    const lines: string[] = [];
    readLines(input, (line) => lines.push(line));
    const bytes = Buffer.from("código\n");
    input.write(bytes.subarray(0, 4)); // cuts "ó" in two
    input.write(bytes.subarray(4));
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).toEqual(["código"]);
  });

  test("16 MB without a newline: refused once, at once, never delivered, and the next line still is", async () => {
    const { input, lines, refusals } = reading();
    const chunk = Buffer.alloc(CHUNK, "a");
    input.write(chunk);
    await new Promise((resolve) => setImmediate(resolve));
    expect(refusals()).toBe(1); // after the first 64 KB, not at the newline
    const started = performance.now();
    for (let sent = CHUNK; sent < 16 * 1024 * 1024; sent += CHUNK) input.write(chunk);
    input.write("\nauth_code_after\n");
    await new Promise((resolve) => setImmediate(resolve));
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(refusals()).toBe(1);
    expect(lines).toEqual(["auth_code_after"]);
  });

  test("a line of 8192 bytes passes; one byte more is refused", async () => {
    const { input, lines, refusals } = reading();
    input.write(`${"b".repeat(MAX_LINE_BYTES)}\n`);
    input.write(`${"c".repeat(MAX_LINE_BYTES + 1)}\n`);
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).toEqual(["b".repeat(MAX_LINE_BYTES)]);
    expect(refusals()).toBe(1);
  });
});

describe("LineSplitter", () => {
  test("never holds more than 8192 bytes while an over-long line streams in", () => {
    const lines: string[] = [];
    let refusals = 0;
    const splitter = new LineSplitter(
      (line) => lines.push(line),
      () => refusals++,
    );
    const chunk = Buffer.alloc(1000, "x"); // small chunks: the bound must hold between them too
    let most = 0;
    for (let sent = 0; sent < 16 * 1024 * 1024; sent += chunk.length) {
      splitter.push(chunk);
      most = Math.max(most, splitter.bufferedBytes);
    }
    expect(most).toBeLessThanOrEqual(MAX_LINE_BYTES);
    expect(splitter.bufferedBytes).toBe(0); // dropping: nothing is kept at all
    splitter.push(Buffer.from("tail of the long line\r\nhttp://127.0.0.1:1/callback/n?code=c\n"));
    splitter.end();
    expect(refusals).toBe(1);
    expect(lines).toEqual(["http://127.0.0.1:1/callback/n?code=c"]);
  });

  test("the unfinished line at the end is delivered, an over-long one is not", () => {
    const lines: string[] = [];
    const short = new LineSplitter(
      (line) => lines.push(line),
      () => {},
    );
    short.push(Buffer.from("abc"));
    short.end();
    const long = new LineSplitter(
      (line) => lines.push(line),
      () => {},
    );
    long.push(Buffer.alloc(MAX_LINE_BYTES + 1, "z"));
    long.end();
    expect(lines).toEqual(["abc"]);
  });
});
