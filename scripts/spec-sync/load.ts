// Step 0: read the upstream document from a file or a URL and check that it is OpenAPI 3.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import { parseDocument } from "yaml";
import { SpecSyncError } from "./errors.js";
import { isObject, type JsonObject } from "./json.js";

export interface Source {
  /** What to call it in messages: the URL, or the path as given. */
  label: string;
  text: string;
}

const FETCH_TIMEOUT_MS = 60_000;
/** OpenRouter's whole document is under 2 MB; anything this big is not it, and would only eat memory. */
export const MAX_DOCUMENT_BYTES = 32 * 1024 * 1024;
const MAX_REDIRECTS = 5;
const megabytes = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;
const tooBig = (label: string, size: string) =>
  new SpecSyncError(
    `${label} is ${size}; spec:sync reads at most ${megabytes(MAX_DOCUMENT_BYTES)} (OpenRouter's whole document is under 2 MB).`,
  );

/** Reads `source`: an http(s) URL is fetched, anything else is a file path relative to `cwd`. */
export async function readSource(source: string, cwd: string): Promise<Source> {
  if (/^https?:\/\//i.test(source)) return { label: source, text: await fetchText(source) };
  if (/^[a-z][a-z\d+.-]+:\/\//i.test(source)) {
    throw new SpecSyncError(`${source}: only http(s) URLs and file paths are supported.`);
  }
  const path = resolve(cwd, source);
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw Object.assign(new Error(), { code: "EISDIR" });
    if (info.size > MAX_DOCUMENT_BYTES) throw tooBig(source, megabytes(info.size));
    // Read with the cap too: a device or a pipe has no size, and a file may grow while we read.
    return { label: source, text: await readCapped(createReadStream(path), source) };
  } catch (error) {
    if (error instanceof SpecSyncError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new SpecSyncError(`${source}: no such file.`);
    if (code === "EISDIR") throw new SpecSyncError(`${source} is a directory, not an OpenAPI document.`);
    throw new SpecSyncError(`${source}: cannot be read (${code ?? String(error)}).`);
  }
}

/** The text of `chunks`, or a SpecSyncError as soon as it passes MAX_DOCUMENT_BYTES (the source is then closed). */
async function readCapped(chunks: AsyncIterable<Uint8Array>, label: string): Promise<string> {
  const kept: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of chunks) {
    total += chunk.byteLength;
    if (total > MAX_DOCUMENT_BYTES) throw tooBig(label, `more than ${megabytes(MAX_DOCUMENT_BYTES)}`);
    kept.push(chunk);
  }
  return new TextDecoder().decode(Buffer.concat(kept));
}

/**
 * Fetches `url`, following at most MAX_REDIRECTS redirects by hand so that a loop is named as one; the
 * time limit covers the redirects and the body, and the body is read up to MAX_DOCUMENT_BYTES.
 */
async function fetchText(url: string): Promise<string> {
  const signal = AbortSignal.timeout(FETCH_TIMEOUT_MS);
  const visited = [url];
  for (;;) {
    const current = visited.at(-1) ?? url;
    const response = await fetch(current, { signal, redirect: "manual", headers: { accept: "*/*" } }).catch(
      (error: unknown) => {
        throw unreachable(url, error);
      },
    );
    const location = response.headers.get("location");
    const length = Number(response.headers.get("content-length") ?? Number.NaN);
    const redirect = response.status >= 300 && response.status < 400 && location !== null;
    if (redirect || !response.ok || length > MAX_DOCUMENT_BYTES) await response.body?.cancel().catch(() => {});
    if (redirect) {
      const next = new URL(location, current).href;
      if (!/^https?:$/.test(new URL(next).protocol)) {
        throw new SpecSyncError(`${url} redirects to ${next}, which is not an http(s) URL.`);
      }
      if (visited.includes(next)) {
        throw new SpecSyncError(`${url} redirects in a loop: ${[...visited, next].join(" → ")}.`);
      }
      if (visited.push(next) > MAX_REDIRECTS + 1) {
        throw new SpecSyncError(`${url} redirects more than ${MAX_REDIRECTS} times (last to ${next}).`);
      }
      continue;
    }
    if (!response.ok) {
      throw new SpecSyncError(
        `${current} answered ${response.status} ${response.statusText}, not an OpenAPI document.`,
      );
    }
    if (length > MAX_DOCUMENT_BYTES) throw tooBig(current, megabytes(length));
    return readCapped((response.body ?? []) as unknown as AsyncIterable<Uint8Array>, current).catch(
      (error: unknown) => {
        throw error instanceof SpecSyncError ? error : unreachable(url, error);
      },
    );
  }
}

function unreachable(url: string, error: unknown): SpecSyncError {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const why =
    (error as Error).name === "TimeoutError"
      ? `no answer within ${FETCH_TIMEOUT_MS / 1000} s`
      : (cause?.code ?? cause?.message ?? (error as Error).message);
  return new SpecSyncError(`${url} is unreachable: ${why}.`);
}

/** Parses JSON or YAML and checks that the result is an OpenAPI 3.0/3.1 document with paths. */
export function parseOpenApi({ label, text }: Source): JsonObject {
  let doc: unknown;
  if (/^\s*[[{]/.test(text)) {
    try {
      doc = JSON.parse(text);
    } catch (error) {
      throw new SpecSyncError(`${label} is not valid JSON: ${(error as Error).message}`);
    }
  } else {
    const parsed = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
    const [first] = parsed.errors;
    if (first) throw new SpecSyncError(`${label} is neither JSON nor valid YAML: ${first.message.split("\n")[0]}`);
    try {
      doc = parsed.toJS({ maxAliasCount: 1000 });
    } catch (error) {
      // The yaml library stops an alias bomb ("billion laughs") here, with a ReferenceError.
      const why = (error as Error).message.split("\n")[0];
      throw new SpecSyncError(
        /alias/i.test(why ?? "")
          ? `${label} expands YAML aliases too many times (a YAML alias bomb?): ${why}`
          : `${label} is not usable YAML: ${why}`,
      );
    }
  }
  if (!isObject(doc)) {
    const what = doc === null || doc === undefined ? "empty" : `a ${Array.isArray(doc) ? "list" : typeof doc}`;
    throw new SpecSyncError(`${label} is not an OpenAPI document: it is ${what}, not a mapping.`);
  }
  if (typeof doc["swagger"] === "string") {
    throw new SpecSyncError(`${label} is Swagger ${doc["swagger"]}; spec:sync needs OpenAPI 3.0 or 3.1.`);
  }
  const version = doc["openapi"];
  if (typeof version !== "string" || !/^3\.[01]\.\d+/.test(version)) {
    throw new SpecSyncError(
      `${label} is not an OpenAPI 3.0/3.1 document: its \`openapi\` field is ${version === undefined ? "missing" : JSON.stringify(version)}.`,
    );
  }
  if (!isObject(doc["paths"])) throw new SpecSyncError(`${label} is not usable: it has no \`paths\`.`);
  return doc;
}
