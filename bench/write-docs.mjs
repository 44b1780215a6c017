#!/usr/bin/env node
// Writes the figures the documentation quotes, so that they come from the code that measures them:
//   - README.md, between <!-- bench:start --> and <!-- bench:end -->: the headline table (bundle sizes, and cold
//     start and per-call throughput from the last bench run);
//   - bench/README.md, between <!-- bench:start --> and <!-- bench:end -->: the last bench run's whole table.
//
//   node bench/write-docs.mjs               sizes measured now (as `npm run size` does, on dist/), the timings
//                                           of bench/results.json; seconds
//   npm run bench -- --write-docs           runs the whole bench, saves bench/results.json, then the above
//
// Sizes are deterministic (test/docs-figures.test.ts holds the docs to `node scripts/size.mjs`); timings are not,
// so they are written only from a bench run, with its machine.
import { existsSync } from "node:fs";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { KB, measureBundle } from "../scripts/bundle-size.mjs";

const bench = dirname(fileURLToPath(import.meta.url));
const repo = resolve(bench, "..");
export const RESULTS = join(bench, "results.json");

/** The bundles the headline quotes: scripts/size.mjs's labels and entry sources (the official SDK's beside them). */
const BUNDLES = [
  [
    "OpenRouterCore + both standalone functions",
    (sdk) => `import { OpenRouterCore } from "${sdk}/core.js";
     import { oAuthCreateAuthCode } from "${sdk}/funcs/oAuthCreateAuthCode.js";
     import { oAuthExchangeAuthCodeForAPIKey } from "${sdk}/funcs/oAuthExchangeAuthCodeForAPIKey.js";
     export { OpenRouterCore, oAuthCreateAuthCode, oAuthExchangeAuthCodeForAPIKey };`,
  ],
  ["OpenRouter class", (sdk) => `export { OpenRouter } from "${sdk}";`],
  [
    "browser controller + exchange (openrouter-oauth/browser)",
    (sdk) =>
      sdk === "openrouter-oauth" ? `export { createBrowserSignIn } from "openrouter-oauth/browser";` : undefined,
  ],
];

const kb = (bytes) => `${(bytes / KB).toFixed(2)} KB`;

/** Gzip sizes of the headline bundles, ours (dist/, installed the way scripts/size.mjs does) and the official SDK's. */
export async function measureSizes() {
  const root = await mkdtemp(join(tmpdir(), "openrouter-oauth-docs-sizes-"));
  try {
    for (const part of ["package.json", "dist"]) {
      await cp(join(repo, part), join(root, "node_modules/openrouter-oauth", part), { recursive: true });
    }
    const official = join(bench, "node_modules/@openrouter/sdk/package.json");
    const officialVersion = existsSync(official) ? JSON.parse(await readFile(official, "utf8")).version : undefined;
    const rows = [];
    for (const [label, source] of BUNDLES) {
      const ours = (await measureBundle(source("openrouter-oauth"), root)).gzip;
      const theirs = officialVersion && source("@openrouter/sdk");
      rows.push({ label, ours, official: theirs ? (await measureBundle(theirs, bench)).gzip : undefined });
    }
    return { officialVersion, rows };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/** README's headline table: sizes from `sizes`, timings from a bench run's `headline` when there is one. */
export function headlineTable(sizes, results) {
  const version = results?.officialVersion ?? sizes.officialVersion ?? "";
  const lines = [
    `| measure | openrouter-oauth | ${`@openrouter/sdk ${version}`.trim()} |`,
    "|---|---|---|",
    ...sizes.rows.map(
      ({ label, ours, official }) =>
        `| ${label}, gzip | ${kb(ours)} | ${official === undefined ? "—" : kb(official)} |`,
    ),
  ];
  const h = results?.headline;
  if (h) {
    lines.push(
      `| cold start: \`import\` over bare Node | +${h.coldStart.ours.toFixed(1)} ms | +${h.coldStart.official.toFixed(0)} ms |`,
      `| calls/s, sequential, against a hand-written fetch client with a time limit | ${h.throughput.ours.toFixed(2)}× | ${h.throughput.official.toFixed(2)}× |`,
      `| memory after import, RSS over a hand-written fetch client | +${h.memory.ours.toFixed(1)} MiB | +${h.memory.official.toFixed(1)} MiB |`,
    );
  }
  const note = h
    ? `Timings from \`npm run bench\` on ${results.machine}; see [the bench](bench/README.md) for the whole table.`
    : "Timings: run `npm run bench -- --write-docs` ([the bench](bench/README.md)).";
  return `${lines.join("\n")}\n\n${note}`;
}

/** bench/README.md's table: the last run's, as printed. */
export function benchTable(results) {
  if (!results) return "No run recorded yet: `npm run bench -- --write-docs` writes its table here.";
  return [`Machine: ${results.machine}.`, "", results.table, "", results.summary].join("\n");
}

/** Replaces the text between `<!-- bench:start -->` and `<!-- bench:end -->` in `file`; fails without them. */
export async function replaceRegion(file, text) {
  const old = await readFile(file, "utf8");
  const pattern = /(<!-- bench:start -->\n)[\s\S]*?(<!-- bench:end -->)/;
  if (!pattern.test(old)) throw new Error(`${file} has no <!-- bench:start --> … <!-- bench:end --> region`);
  const updated = old.replace(pattern, (_, start, end) => `${start}${text}\n${end}`);
  if (updated !== old) await writeFile(file, updated);
  return updated !== old;
}

/** Rewrites both regions from bench/results.json (if any) and sizes measured now. */
export async function writeDocs() {
  const results = existsSync(RESULTS) ? JSON.parse(await readFile(RESULTS, "utf8")) : undefined;
  const sizes = await measureSizes();
  const changed = [];
  if (await replaceRegion(join(repo, "README.md"), headlineTable(sizes, results))) changed.push("README.md");
  if (await replaceRegion(join(bench, "README.md"), benchTable(results))) changed.push("bench/README.md");
  console.error(`write-docs: ${changed.length ? `rewrote ${changed.join(", ")}` : "the figures were up to date"}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await writeDocs();
