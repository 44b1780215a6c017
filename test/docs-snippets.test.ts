// Every TypeScript block (```ts, ```typescript) in README.md and docs/ compiles as a strict NodeNext consumer's
// code against the built package in dist/, and the blocks marked to run do run against the Prism mock.
//
// Markers, in HTML comments on the lines just above a block (GitHub and TypeDoc show neither):
//   <!-- snippet-preamble: declare const code: string; -->   code compiled before the block, for its placeholders
//   <!-- snippet: fragment — why -->                          not compiled; the reason is required
//   <!-- snippet: run -->                                     compiled, then run with the default server URL sent
//                                                             to Prism (test/seeds/support/redirect-fetch.mjs)
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { childEnv, describeChild, repoRoot, requireBuiltDist, runChild } from "./support/build-once.js";
import { markdownFilesUnder } from "./support/markdown-files.js";

interface Snippet {
  /** Where it is: the Markdown file (relative to the repository) and the line of its opening fence. */
  readonly doc: string;
  readonly line: number;
  readonly code: string;
  readonly preamble: string;
  readonly kind: "compile" | "run" | "fragment";
  readonly reason?: string;
}

/** README.md and every Markdown file under docs/ (the generated API site, docs/api, aside). */
function documentationFiles(): string[] {
  return ["README.md", ...markdownFilesUnder("docs")].sort();
}

/** The TypeScript blocks of one Markdown text, with the markers above each. */
function extractSnippets(doc: string, text: string): Snippet[] {
  const lines = text.split("\n");
  const snippets: Snippet[] = [];
  for (let i = 0; i < lines.length; i++) {
    const fence = /^(\s*)(`{3,})(ts|typescript)\s*$/.exec(lines[i]!);
    if (!fence) {
      // Skip over other fenced blocks whole: a ```ts inside a ```md block is not a snippet.
      const other = /^\s*(`{3,})/.exec(lines[i]!);
      if (other) while (++i < lines.length && !lines[i]!.trim().startsWith(other[1]!));
      continue;
    }
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && lines[j]!.trim() !== fence[2]; j++) body.push(lines[j]!.slice(fence[1]!.length));
    // The markers: the HTML comment lines right above the fence.
    let preamble = "";
    let kind: Snippet["kind"] = "compile";
    let reason: string | undefined;
    for (let k = i - 1; k >= 0 && /^\s*<!--.*-->\s*$/.test(lines[k]!); k--) {
      const comment = lines[k]!.trim();
      const pre = /^<!-- snippet-preamble:(.*)-->$/.exec(comment);
      const mark = /^<!-- snippet: (run|fragment)(?:\s*[—-]\s*(.*?))?\s*-->$/.exec(comment);
      if (pre) preamble = pre[1]!.trim();
      else if (mark) {
        kind = mark[1] as "run" | "fragment";
        reason = mark[2]?.trim() || undefined;
      }
    }
    snippets.push({ doc, line: i + 1, code: body.join("\n"), preamble, kind, ...(reason ? { reason } : {}) });
    i = j;
  }
  return snippets;
}

const snippets = documentationFiles().flatMap((doc) => extractSnippets(doc, readFileSync(join(repoRoot, doc), "utf8")));
const compiled = snippets.filter((s) => s.kind !== "fragment");
/** A block known to be wrong, compiled with the others: the check must report it, and only it. */
const canary: Snippet = {
  doc: "(canary)",
  line: 1,
  code: 'import { OpenRouter } from "openrouter-oauth";\nnew OpenRouter({ apiKye: "x" });',
  preamble: "",
  kind: "compile",
};
const fileName = (s: Snippet) => `${s.doc.replace(/[^A-Za-z0-9]+/g, "_")}_L${s.line}.ts`;

let dir: string;
let diagnostics: Map<string, string[]>;
let listed: string;

beforeAll(async () => {
  requireBuiltDist();
  // A consumer project: "openrouter-oauth" resolves through node_modules to this repository, whose package.json
  // "exports" lead to dist/; the other packages (@types/node, @types/vscode) are the repository's.
  dir = mkdtempSync(join(tmpdir(), "openrouter-oauth-docs-snippets-"));
  mkdirSync(join(dir, "node_modules"));
  for (const entry of readdirSync(join(repoRoot, "node_modules"))) {
    if (entry !== ".bin" && entry !== ".cache" && entry !== "openrouter-oauth") {
      symlinkSync(join(repoRoot, "node_modules", entry), join(dir, "node_modules", entry), "dir");
    }
  }
  symlinkSync(repoRoot, join(dir, "node_modules/openrouter-oauth"), "dir");
  writeFileSync(join(dir, "package.json"), '{ "type": "module", "private": true }');
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        target: "ES2022",
        lib: ["ES2023", "DOM", "DOM.Iterable"],
        module: "NodeNext",
        moduleResolution: "NodeNext",
        strict: true,
        noUncheckedIndexedAccess: true,
        exactOptionalPropertyTypes: true,
        verbatimModuleSyntax: true,
        isolatedModules: true,
        skipLibCheck: true,
        noEmit: true,
        types: ["node", "vscode"],
      },
      include: ["./*.ts"],
    }),
  );
  for (const s of [...compiled, canary]) {
    // The preamble on the first line, so the block's lines are the file's from line 2; `export {}` makes every
    // block a module (its own scope, top-level await).
    writeFileSync(join(dir, fileName(s)), `${s.preamble}\n${s.code}\nexport {};\n`);
  }
  const tsc = join(repoRoot, "node_modules/typescript/bin/tsc");
  const result = await runChild(process.execPath, [tsc, "-p", dir, "--pretty", "false", "--listFiles"], {
    timeoutMs: 170_000,
  });
  listed = result.stdout;
  diagnostics = new Map();
  for (const line of result.stdout.split("\n")) {
    const match = /^(.*?\.ts)\((\d+),(\d+)\): (error .*)$/.exec(line.trim());
    if (!match) continue;
    const file = relative(dir, match[1]!);
    diagnostics.set(file, [...(diagnostics.get(file) ?? []), `line ${Number(match[2]) - 1}: ${match[4]}`]);
  }
}, 180_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("documentation snippets", () => {
  test("there are blocks to check, and every fragment says why it is one", () => {
    expect(compiled.length).toBeGreaterThanOrEqual(10);
    expect(snippets.some((s) => s.doc === "README.md" && s.kind === "run")).toBe(true);
    const unexplained = snippets.filter((s) => s.kind === "fragment" && !s.reason);
    expect(unexplained.map((s) => `${s.doc}:${s.line}`)).toEqual([]);
  });

  test("the check resolves openrouter-oauth to dist/ and catches a broken block", () => {
    expect(listed).toContain("/dist/esm/src/index.d.ts");
    expect(diagnostics.get(fileName(canary))?.join("\n")).toMatch(/apiKye/);
  });

  test("every block type-checks (strict, NodeNext) against the built package", () => {
    const failures = compiled.flatMap((s) =>
      (diagnostics.get(fileName(s)) ?? []).map((d) => {
        // Back to the Markdown's own line numbers: the block starts on the line after its fence.
        const [, n, rest] = /^line (\d+): (.*)$/.exec(d)!;
        return `${s.doc}:${s.line + Number(n)}: ${rest}`;
      }),
    );
    expect(failures).toEqual([]);
  });
});

describe("runnable snippets run against the Prism mock", () => {
  const preload = pathToFileURL(join(repoRoot, "test/seeds/support/redirect-fetch.mjs")).href;
  const runnable = snippets.filter((s) => s.kind === "run");
  test.each(runnable.map((s) => [`${s.doc}:${s.line}`, s] as const))("%s", { timeout: 60_000 }, async (_, s) => {
    const result = await runChild(process.execPath, ["--import", "tsx", "--import", preload, fileName(s)], {
      cwd: dir,
      env: childEnv({ SEED_MOCK_URL: inject("prismUrl"), OPENROUTER_API_KEY: "sk-or-v1-docs-snippet-key" }),
      timeoutMs: 50_000,
    });
    expect(result.code, describeChild(result)).toBe(0);
    // It really called the API, through the preload.
    expect(result.stderr).toContain("[redirect-fetch] POST https://openrouter.ai/api/v1/auth/keys");
  });
});
