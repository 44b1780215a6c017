// Step 0: read the upstream document from a file or a URL and check that it is OpenAPI 3.
import { readFile } from "node:fs/promises";
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

/** Reads `source`: an http(s) URL is fetched, anything else is a file path relative to `cwd`. */
export async function readSource(source: string, cwd: string): Promise<Source> {
  if (/^https?:\/\//i.test(source)) return { label: source, text: await fetchText(source) };
  if (/^[a-z][a-z\d+.-]+:\/\//i.test(source)) {
    throw new SpecSyncError(`${source}: only http(s) URLs and file paths are supported.`);
  }
  try {
    return { label: source, text: await readFile(resolve(cwd, source), "utf8") };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new SpecSyncError(`${source}: no such file.`);
    if (code === "EISDIR") throw new SpecSyncError(`${source} is a directory, not an OpenAPI document.`);
    throw new SpecSyncError(`${source}: cannot be read (${code ?? String(error)}).`);
  }
}

async function fetchText(url: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), headers: { accept: "*/*" } });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const why =
      (error as Error).name === "TimeoutError"
        ? `no answer within ${FETCH_TIMEOUT_MS / 1000} s`
        : (cause?.code ?? cause?.message ?? (error as Error).message);
    throw new SpecSyncError(`${url} is unreachable: ${why}.`);
  }
  if (!response.ok) {
    throw new SpecSyncError(`${url} answered ${response.status} ${response.statusText}, not an OpenAPI document.`);
  }
  return response.text();
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
    doc = parsed.toJS({ maxAliasCount: 1000 });
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
