// The bundle sizes the documentation quotes are the ones `node scripts/size.mjs` prints for today's dist/: they
// are written by bench/write-docs.mjs between <!-- bench:start --> and <!-- bench:end -->, and nowhere else
// (decision records, which quote the sizes of their day, and budgets, "≤ 13 KB", aside). Timings vary from run to run and are not checked.
// When this fails after a change to src/: `npm run build && node bench/write-docs.mjs`.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { describeChild, repoRoot, requireBuiltDist, runChild } from "./support/build-once.js";

/** README.md, bench/README.md and docs/**\/*.md, without the decision records and the generated docs/api. */
function documentationFiles(): string[] {
  const files = ["README.md", "bench/README.md"];
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(repoRoot, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory() && path !== "docs/api" && path !== "docs/decisions") walk(path);
      else if (entry.isFile() && entry.name.endsWith(".md")) files.push(path);
    }
  };
  walk("docs");
  return files;
}

const REGION = /<!-- bench:start -->([\s\S]*?)<!-- bench:end -->/g;

/** label → "11.34 KB", from the lines `<label>: 11.34 KB gzip, …` of scripts/size.mjs. */
let sizes: Map<string, string>;

beforeAll(async () => {
  requireBuiltDist();
  const result = await runChild(process.execPath, [join(repoRoot, "scripts/size.mjs")], { timeoutMs: 110_000 });
  expect(result.code, describeChild(result)).toBe(0);
  sizes = new Map(
    [...result.stdout.matchAll(/^(.+?): (\d+\.\d\d KB) gzip/gm)].map((m) => [m[1]!, m[2]!] as [string, string]),
  );
}, 120_000);

describe("bundle sizes in the documentation", () => {
  test("README.md quotes the sizes npm run size prints, to the digit", () => {
    const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
    const quoted = [...readme.matchAll(REGION)].flatMap((m) => [...m[1]!.matchAll(/^\| (.+?), gzip \| ([^|]+?) \|/gm)]);
    expect(quoted.length, "README.md's bench region quotes no bundle size").toBeGreaterThanOrEqual(2);
    const mismatches = quoted
      .map((m) => ({ label: m[1]!, quoted: m[2]!, printed: sizes.get(m[1]!) }))
      .filter((row) => row.quoted !== row.printed);
    expect(mismatches, "run `node bench/write-docs.mjs`").toEqual([]);
  });

  test.each(documentationFiles())("%s quotes no size outside the generated region", (file) => {
    const text = readFileSync(join(repoRoot, file), "utf8").replace(REGION, "");
    // A budget ("≤ 13 KB") is a goal, not a measurement.
    expect(text.match(/(?<![\d.])(?<!≤ ?)\d+(?:\.\d+)? ?KB\b/g) ?? []).toEqual([]);
  });
});
