#!/usr/bin/env node
// npm run bench:ablate — what each part of the call pipeline costs in the bench's setting: copies of this
// checkout's built runtime with one part cut out (or everything but the bare request), each run as a
// contender beside "raw fetch + time limit" in one process, in alternating rounds against the canned server.
// A diagnostic for README's Performance section, not a goal: a copy with a part cut out is not a valid SDK.
//
// Each cut is a text patch of dist/esm/internal/runtime.js; a patch that no longer applies stops the run
// with its name (update it with the code). Loopback only. Knobs (env): ABLATE_ROUNDS (40), ABLATE_CALLS
// (1000 per round), ABLATE_CONCURRENCY (32), ABLATE_ONLY (comma-separated cut names), ABLATE_COMPARE (the
// dist/esm folder of another build, e.g. a copy saved before a change: it runs as one more contender, uncut).
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { contenders, functionCalls } from "./contenders.mjs";
import { printPairedRounds, withCannedServer } from "./paired-rounds.mjs";

const env = (name, fallback) => Number(process.env[name] ?? fallback);
const ROUNDS = env("ABLATE_ROUNDS", 40);
const CALLS = env("ABLATE_CALLS", 1000);
const WIDTH = env("ABLATE_CONCURRENCY", 32);
const BASELINE = "raw fetch + time limit";
const dist = fileURLToPath(new URL("../dist/esm/", import.meta.url));

// `[pattern, replacement]` pairs applied to the runtime; identifiers esbuild may rename are matched loosely.
const noValidation = [
  [/const input = validateInput\((\w+)\.request, request\);/, "const input = request;"],
  // The response is still camelCased (the same walk checks and renames it, as built).
  [
    /const parsed = parse\((\w+)\.response, json, toCamelKey\);/,
    "const parsed = { data: renameKeys(json, toCamelKey) };",
  ],
];
// One attempt, raced as every attempt is, without the retry loop around it.
const noRetryLoop = [
  [
    /const \{ response, text, attempts \} = await sendWithRetries\((\w+), scope, (\w+)\.baseUrl \+ operation\.path, \{/,
    "const { response, text, attempts = 1 } = await scope.race(sendOnce($1, scope, $2.baseUrl + operation.path, {",
  ],
  [/redirect: "manual"\n {4}\}\);/, 'redirect: "manual"\n    }));'],
];
const noHeaderChecks = [
  [/text: await readBodyText\(response, (\w+)\.maxResponseBytes, scope\.signal\)/, "text: await response.text()"],
];
const cuts = {
  "as built": [],
  "no validation (input and response)": noValidation,
  "no retry loop (one raced attempt)": noRetryLoop,
  "no race around the attempt": [
    [/await scope\.race\(sendOnce\((\w+), scope, href, init\)\);/, "await sendOnce($1, scope, href, init);"],
  ],
  "no body-size header checks (text() directly)": noHeaderChecks,
  "no validation, retry loop or header checks": [...noValidation, ...noRetryLoop, ...noHeaderChecks],
  // Everything but what any client with a time limit does: the scope, the headers, the renamed JSON body,
  // fetch, text(), JSON.parse and renamed keys. No validation, retries, races or checks.
  "bare request (scope, headers, fetch, parse)": [
    [
      /async function callOperation\(client, operation, request, options\) \{[\s\S]*?\n\}\n/,
      `async function callOperation(client, operation, request, options) {
  let scope;
  try {
    const clientOptions = resolveClientOptions(coreState(client));
    scope = openScope(clientOptions.timeoutMs, options?.signal, options?.fetchOptions?.signal);
    const response = await globalThis.fetch(clientOptions.baseUrl + operation.path, {
      method: "POST",
      redirect: "manual",
      headers: buildHeaders(clientOptions, request, clientOptions.apiKey, undefined),
      body: JSON.stringify(renameKeys(request.requestBody, toSnakeKey)),
      signal: scope.signal,
    });
    const text = await response.text();
    if (!response.ok) throw new Error(\`status \${response.status}\`);
    const value = renameKeys(JSON.parse(text), toCamelKey);
    for (const key in operation.defaults) value[key] ??= operation.defaults[key];
    return ok(value);
  } catch (error) {
    return err(error);
  } finally {
    scope?.dispose();
  }
}
`,
    ],
  ],
};

const only = process.env.ABLATE_ONLY?.split(",").map((name) => name.trim());
const names = Object.keys(cuts).filter((name) => !only || name === "as built" || only.includes(name));
const temp = await mkdtemp(join(tmpdir(), "openrouter-oauth-ablate-"));

/** Copies the dist/esm folder `from` into `temp`/`into` (its runtime replaced by `runtime`, if given) and imports it. */
async function importCopy(from, into, runtime) {
  const copy = join(temp, into);
  await cp(from, join(copy, "esm"), { recursive: true });
  await writeFile(join(copy, "package.json"), '{ "type": "module" }\n');
  if (runtime !== undefined) await writeFile(join(copy, "esm/internal/runtime.js"), runtime);
  return import(pathToFileURL(join(copy, "esm/src/index.js")).href);
}

try {
  const runtime = await readFile(join(dist, "internal/runtime.js"), "utf8");
  await withCannedServer(async (serverURL) => {
    const calls = { [BASELINE]: await contenders[BASELINE](serverURL) };
    for (const [k, name] of names.entries()) {
      let patched = runtime;
      for (const [pattern, replacement] of cuts[name]) {
        if (!pattern.test(patched)) throw new Error(`the cut "${name}" no longer applies: ${pattern} not found`);
        patched = patched.replace(pattern, replacement);
      }
      const sdk = await importCopy(dist, String(k), patched);
      calls[name] = functionCalls(serverURL, sdk, sdk, sdk);
    }
    const compare = process.env.ABLATE_COMPARE;
    if (compare) {
      const sdk = await importCopy(compare, "compare");
      calls[`build at ${compare}`] = functionCalls(serverURL, sdk, sdk, sdk);
    }
    await printPairedRounds(calls, {
      baseline: BASELINE,
      rounds: ROUNDS,
      perRound: CALLS,
      width: WIDTH,
      label: "openrouter-oauth functions, cut",
      progress: "ablate",
    });
  });
} finally {
  await rm(temp, { recursive: true, force: true });
}
