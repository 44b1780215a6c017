import { StringDecoder } from "node:string_decoder";

/**
 * Calls `onLine` with each non-empty, trimmed line read from `input` (the final line too when the
 * stream ends without a newline). Returns a function that stops listening and pauses the stream; it
 * never closes the stream, which may be the process's stdin.
 */
export function readLines(input: NodeJS.ReadableStream, onLine: (line: string) => void): () => void {
  const decoder = new StringDecoder("utf8");
  let buffered = "";
  let stopped = false;
  const emit = (line: string) => {
    const trimmed = line.trim();
    if (trimmed !== "" && !stopped) onLine(trimmed);
  };
  const onData = (chunk: string | Buffer) => {
    buffered += typeof chunk === "string" ? chunk : decoder.write(chunk);
    const lines = buffered.split(/\r?\n|\r/);
    buffered = lines.pop() ?? "";
    for (const line of lines) emit(line);
  };
  const onEnd = () => {
    const rest = buffered + decoder.end();
    buffered = "";
    emit(rest);
  };
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
