// Every relative link in the documentation resolves: the file or folder exists, and an anchor (`#…`) names a
// heading of the target (GitHub's slug) or an explicit `<a id>` in it. Links to other sites are not checked
// (the tests make no network requests).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { describe, expect, test } from "vitest";
import { repoRoot } from "./support/build-once.js";
import { markdownFilesUnder } from "./support/markdown-files.js";

/** README.md, CONTRIBUTING.md, bench/README.md, examples/*\/README.md and docs/**\/*.md (docs/api aside). */
function documentationFiles(): string[] {
  const files = ["README.md", "CONTRIBUTING.md", "bench/README.md"];
  for (const example of readdirSync(join(repoRoot, "examples"))) {
    if (existsSync(join(repoRoot, "examples", example, "README.md"))) files.push(`examples/${example}/README.md`);
  }
  files.push(...markdownFilesUnder("docs"));
  return files.filter((file) => existsSync(join(repoRoot, file))).sort();
}

/** The text outside fenced code blocks and inline code, where links mean links. */
function prose(text: string): string[] {
  const lines: string[] = [];
  let fence: string | undefined;
  for (const line of text.split("\n")) {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      if (marker?.startsWith(fence)) fence = undefined;
      lines.push("");
    } else if (marker) {
      fence = marker;
      lines.push("");
    } else lines.push(line.replace(/`[^`]*`/g, ""));
  }
  return lines;
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens; repeats get -1, -2… */
function anchorsOf(file: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  const text = readFileSync(file, "utf8");
  for (const line of prose(text.replace(/`([^`]*)`/g, "$1"))) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)?.[1];
    if (heading !== undefined) {
      const slug = heading
        .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, "")
        .replace(/\s/g, "-");
      const count = seen.get(slug) ?? 0;
      seen.set(slug, count + 1);
      anchors.add(count === 0 ? slug : `${slug}-${count}`);
    }
  }
  for (const match of text.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(match[1]!);
  return anchors;
}

/** The relative links of a Markdown file: `[text](target)` and `[text]: target` definitions. */
function linksOf(file: string): { line: number; target: string }[] {
  const links: { line: number; target: string }[] = [];
  prose(readFileSync(join(repoRoot, file), "utf8")).forEach((line, i) => {
    const targets = [
      ...[...line.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]!),
      ...[...line.matchAll(/^\s*\[[^\]]+\]:\s*(\S+)/g)].map((m) => m[1]!),
    ];
    for (const target of targets) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith("//")) continue; // https:, mailto:…
      links.push({ line: i + 1, target });
    }
  });
  return links;
}

/** Why `target`, linked from `file`, does not resolve; undefined when it does. */
function problem(file: string, target: string): string | undefined {
  const [path = "", anchor] = target.split("#", 2);
  const resolved = path === "" ? join(repoRoot, file) : join(repoRoot, dirname(file), decodeURIComponent(path));
  if (!relative(repoRoot, resolved) || relative(repoRoot, resolved).startsWith("..")) {
    return "points outside the repository";
  }
  if (!existsSync(resolved)) return "no such file or folder";
  if (anchor !== undefined) {
    if (!statSync(resolved).isFile() || !resolved.endsWith(".md")) return "an anchor into a file that is not Markdown";
    if (!anchorsOf(resolved).has(decodeURIComponent(anchor))) return `no heading or anchor #${anchor} there`;
  }
  return undefined;
}

describe("relative links in the documentation resolve", () => {
  const files = documentationFiles();

  test("the documentation is all there", () => {
    for (const file of ["README.md", "CONTRIBUTING.md", "bench/README.md", "docs/migrating-from-openrouter-sdk.md"]) {
      expect(files).toContain(file);
    }
    expect(linksOf("README.md").length).toBeGreaterThan(15);
  });

  test.each(files)("%s", (file) => {
    const broken = linksOf(file).flatMap(({ line, target }) => {
      const why = problem(file, target);
      return why ? [`${file}:${line}: ${target}: ${why}`] : [];
    });
    expect(broken).toEqual([]);
  });

  test("the checker sees a broken link and a broken anchor", () => {
    expect(problem("README.md", "docs/no-such-page.md")).toBe("no such file or folder");
    expect(problem("README.md", "docs/security.md#no-such-heading")).toMatch(/no heading or anchor/);
    expect(problem("README.md", "docs/security.md#the-callback-url-rule")).toBeUndefined();
    expect(problem("README.md", "#quick-start")).toBeUndefined();
  });
});

// README.md and docs/ are for users: history (commit hashes, bench run numbers, issue numbers, missed goals) lives
// in git, not there.
describe("no history in README.md and docs/", () => {
  const files = documentationFiles().filter((file) => file === "README.md" || file.startsWith("docs/"));
  test.each(files)("%s", (file) => {
    const text = prose(readFileSync(join(repoRoot, file), "utf8")).join("\n");
    const history = [
      ...(text.match(/\b(?=[0-9a-f]*[a-f])(?=[0-9a-f]*\d)[0-9a-f]{7,40}\b/g) ?? []), // a commit hash
      ...(text.match(/\b(?:runs? \d+|issue \d+|MISSED)\b/g) ?? []),
    ];
    expect(history).toEqual([]);
  });
});
