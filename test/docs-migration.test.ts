// docs/migrating-from-openrouter-sdk.md is checked against the tests that prove the drop-in claim:
// - every official program (test/official-programs/) that declares `differences` is a row of the page's table of
//   differences, and no program without any is;
// - the entry points the page lists are exactly those test/parity-names.test.ts walks;
// - every name the page says is the same is one the parity test checks (a name of the official SDK in scope, or
//   a method of `oAuth` it compares), and none is a known gap.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { ENTRY_POINTS, officialNames } from "./parity/official-names.js";
import { repoRoot } from "./support/build-once.js";

const page = readFileSync(join(repoRoot, "docs/migrating-from-openrouter-sdk.md"), "utf8");
const read = (file: string) => readFileSync(join(repoRoot, file), "utf8");

/** The text between `<!-- name:start -->` and `<!-- name:end -->` on the page; fails when the markers are gone. */
function region(name: string): string {
  const match = new RegExp(`<!-- ${name}:start -->([\\s\\S]*?)<!-- ${name}:end -->`).exec(page);
  if (!match) throw new Error(`docs/migrating-from-openrouter-sdk.md has no <!-- ${name}:start/end --> region`);
  return match[1]!;
}

/** The official programs and whether each declares differences, read from test/official-programs.test.ts. */
function declaredDifferences(): Map<string, string[]> {
  const source = read("test/official-programs.test.ts");
  const programs = new Map<string, string[]>();
  const starts = [...source.matchAll(/^ {4}file: "([^"]+\.ts)",$/gm)];
  starts.forEach((start, i) => {
    const body = source.slice(start.index, starts[i + 1]?.index ?? source.length);
    const differences = /\n {4}differences: \[([\s\S]*?)\n {4}\],/.exec(body)?.[1] ?? "";
    programs.set(
      start[1]!,
      [...differences.matchAll(/why: "([^"]+)"/g)].map((m) => m[1]!),
    );
  });
  return programs;
}

describe("the migration page matches the parity tests", () => {
  test("every difference the official programs declare is on the page, and only those", () => {
    const programs = declaredDifferences();
    expect(programs.size, "no programs found: has test/official-programs.test.ts changed shape?").toBeGreaterThan(5);
    const withDifferences = [...programs].filter(([, whys]) => whys.length > 0).map(([file]) => file);
    expect(withDifferences.length).toBeGreaterThan(0);
    const rows = region("official-programs:differences")
      .split("\n")
      .filter((line) => line.startsWith("| ["));
    const listed = rows.map((row) => /\]\(\.\.\/test\/official-programs\/([^)]+)\)/.exec(row)?.[1]);
    expect(listed.sort()).toEqual(withDifferences.sort());
    for (const file of withDifferences) {
      expect(existsSync(join(repoRoot, "test/official-programs", file)), file).toBe(true);
    }
  });

  test("the entry points listed are the ones the name-parity test walks", () => {
    const listed = [...region("parity:entry-points").matchAll(/`openrouter-oauth(?:\/([^`]+))?`/g)].map(
      (m) => m[1] ?? "",
    );
    expect(listed.sort()).toEqual([...ENTRY_POINTS].sort());
  });

  const sdkDir = join(repoRoot, "bench/node_modules/@openrouter/sdk");
  const installed = existsSync(join(sdkDir, "package.json"));
  test.skipIf(!installed && !process.env["CI"])(
    "every name the page calls the same is one the parity test checks",
    () => {
      expect(installed, "CI must install the official SDK: (cd bench && npm ci)").toBe(true);
      const checked = new Set(officialNames(sdkDir).map((n) => n.name));
      const gaps = new Set((JSON.parse(read("test/parity/known-gaps.json")) as { name: string }[]).map((g) => g.name));
      // The oAuth methods the parity test compares on the instances (its OAuthMethods type).
      const methods = /type OAuthMethods = ([^;]+);/.exec(read("test/parity-names.test.ts"))![1]!.match(/"(\w+)"/g)!;
      const claimed = [...region("parity:names").matchAll(/`([A-Za-z][\w.]*)`/g)].map((m) => m[1]!);
      expect(claimed.length).toBeGreaterThan(30);
      const unchecked = claimed.filter((name) =>
        name.startsWith("oAuth.") ? !methods.includes(`"${name.slice(6)}"`) : !checked.has(name) || gaps.has(name),
      );
      expect(unchecked).toEqual([]);
    },
    90_000,
  );
});
